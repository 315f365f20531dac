#include "test_util.h"

#include <sys/wait.h>

#include <array>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <stdexcept>

#include "job.h"

namespace arsred::test {

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string ReadHtmlPage(const fs::path& path) {
  return ReplaceAll(ReplaceAll(ReadFile(path), "\u00AD", ""), "/<wbr>", "/");
}

void WriteFile(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

namespace {

ToolRun RunShell(const std::string& command) {
  ToolRun run;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return {-1, ""};
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) run.output.append(buffer.data(), n);
  int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

}  // namespace

ToolRun RunTool(const std::string& command) { return RunShell(command + " 2>/dev/null"); }
ToolRun RunToolWithErrors(const std::string& command) { return RunShell(command + " 2>&1"); }

std::string Quote(const fs::path& path) { return "'" + ReplaceAll(path.string(), "'", "'\\''") + "'"; }

TempDir::TempDir() {
  std::random_device random;
  path_ = fs::temp_directory_path() / ("arsred-test-" + std::to_string(random()) + std::to_string(random()));
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ec);
  fs::remove_all(path_, ec);
}

RunResult RunArsred(const std::vector<std::string>& args) {
  std::vector<std::string> argv{"arsred"};
  argv.insert(argv.end(), args.begin(), args.end());
  std::ostringstream out, err;
  RunResult result;
  result.exit_code = RunCommandLine(argv, out, err);
  result.out = out.str();
  result.err = err.str();
  return result;
}

std::string ReplaceAll(std::string text, const std::string& from, const std::string& to) {
  if (from.empty()) throw std::invalid_argument("ReplaceAll: nothing to replace");  // would never end
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

fs::path FinalSeedCopy(const fs::path& dir, const std::string& year) {
  if (!fs::exists(dir / "inputs")) fs::copy(kSourceDir / "inputs", dir / "inputs", fs::copy_options::recursive);
  const fs::path org = dir / "inputs" / year / "forbund.yaml";
  std::string text = ReadFile(org);
  if (text.find("status: slutlig") != std::string::npos) return dir / "inputs" / year;  // marked already
  const std::string approved = std::to_string(std::stoi(year) + 1) + "-03-14";
  const size_t status = text.find("status: utkast"), first_seat = text.find("roll: ledamot");
  if (status == std::string::npos || first_seat == std::string::npos) throw std::runtime_error("not a seed year: " + year);
  text.replace(first_seat, std::string("roll: ledamot").size(), "roll: ordforande");
  text.replace(status, std::string("status: utkast").size(), "status: slutlig\nstyrelsebeslut: " + approved);
  WriteFile(org, text);
  return dir / "inputs" / year;
}

fs::path NextYearCopy(const fs::path& dir) {
  fs::copy(kSourceDir / "inputs", dir, fs::copy_options::recursive);
  fs::copy(kSourceDir / "tests/fixtures/next-year/2024", dir / "2024", fs::copy_options::recursive);
  return dir / "2024";
}

std::vector<std::pair<std::string, std::string>> TraceByPart(const std::string& trace) {
  std::vector<std::string> lines;
  std::istringstream in(trace);
  for (std::string line; std::getline(in, line);) lines.push_back(line + "\n");
  std::map<int, std::string> part_start;  // page -> name of the part that starts there
  for (const std::string& line : lines) {
    if (line.rfind("outline level=1 page=", 0) != 0) continue;
    const int page = std::stoi(line.substr(21));
    if (page == 0) continue;  // the first page is the cover, "omslag", though its title has a bookmark
    std::string title = line.substr(line.find('"') + 1);
    title = title.substr(0, title.find('"'));
    std::string slug;
    for (char c : ReplaceAll(ReplaceAll(ReplaceAll(title, "å", "a"), "ä", "a"), "ö", "o")) {
      if (std::isalnum(static_cast<unsigned char>(c))) slug += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      else if (!slug.empty() && slug.back() != '-') slug += '-';
    }
    part_start.emplace(page, slug.substr(0, slug.find_last_not_of('-') + 1));
  }
  std::vector<std::pair<std::string, std::string>> parts = {{"document", ""}};
  for (const std::string& line : lines) {
    if (line.rfind("page ", 0) == 0) {
      const int page = std::stoi(line.substr(5));
      auto start = part_start.find(page);
      if (start != part_start.end() || parts.size() == 1) {
        parts.push_back({start != part_start.end() ? start->second : "omslag", ""});
      }
    }
    parts.back().second += line;
  }
  for (size_t i = 0; i < parts.size(); ++i) {
    parts[i].first = (i < 10 ? "0" : "") + std::to_string(i) + "-" + parts[i].first;
  }
  return parts;
}

fs::path WriteOwnLayout(const fs::path& inputs) {
  const fs::path dir = inputs / "layout";
  fs::create_directories(dir);
  const std::string modern = ReadFile(kSourceDir / "layouts/modern.yaml");
  const std::string regular = "normal: Carlito-Regular.ttf";
  if (modern.find(regular) == std::string::npos) throw std::runtime_error("layouts/modern.yaml names another regular face");
  WriteFile(dir / "egen.yaml", ReplaceAll(modern, regular, "normal: Egen-Regular.ttf"));
  fs::copy_file(kSourceDir / "fonts/Carlito-Italic.ttf", dir / "Egen-Regular.ttf");
  WriteFile(dir / "EGEN-LICENS.txt", "Egen Regular: Carlito Italic under another name (SIL OFL 1.1).\n");
  return dir / "egen.yaml";
}

void SetYearLayout(const fs::path& year, const std::string& reference) {
  const fs::path org = year / "forbund.yaml";
  std::string text = ReadFile(org);
  if (const size_t at = text.find("\nlayout: "); at != std::string::npos) text.erase(at + 1, text.find('\n', at + 1) - at);
  const std::string scope = "omfattning: arsredovisning\n";
  const size_t at = text.find(scope);
  if (at == std::string::npos) throw std::runtime_error("no omfattning in " + org.string());
  if (!reference.empty()) text.insert(at + scope.size(), "layout: " + reference + "\n");
  WriteFile(org, text);
}

fs::path EditedBaseYear(const fs::path& dir, const std::string& file, const std::string& from, const std::string& to) {
  fs::copy(kSourceDir / "tests/fixtures/base", dir / "inputs", fs::copy_options::recursive);
  const fs::path year = dir / "inputs/2024";
  const std::string text = ReadFile(year / file);
  if (text.find(from) == std::string::npos) throw std::runtime_error("no \"" + from + "\" in " + file);
  WriteFile(year / file, ReplaceAll(text, from, to));
  return year;
}

bool UpdatingGoldens() {
  const char* value = std::getenv("ARSRED_UPDATE_GOLDENS");
  return value && std::string(value) == "1";
}

size_t Count(const std::string& text, const std::string& part) {
  size_t count = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

}  // namespace arsred::test
