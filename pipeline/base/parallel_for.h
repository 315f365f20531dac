// The one parallel step of arsred (docs/architecture.md): a loop whose iterations are
// independent, run on the calling thread and one more.
#pragma once

#include <cstddef>
#include <functional>

namespace arsred {

// Calls `body(i)` once for each i in [0, count), on the calling thread and one other, each
// taking the next index not yet taken; returns when all are done. When no thread can be made
// (a pids limit, say), or there is only one index, every call runs on the calling thread.
// When calls throw, the others still run, and the exception of the lowest index is rethrown.
// `body` must be safe to call from two threads at once on different indices.
void ParallelFor(size_t count, const std::function<void(size_t)>& body);

}  // namespace arsred
