#!/usr/bin/env bash
# The binary that ships, run as a user runs it (not the tests' in-process command line): a
# closed-books import, a tagged final build, approve, archive, verify and one signature of the
# base fixture, each checked with the readers' tools; and, unless TRY_MEMORY_LIMITS is "no" (a
# sanitizer's build), a check under limits of memory. Usage: shipped_binary.sh ARSRED SOURCE_DIR
# [TRY_MEMORY_LIMITS]
set -euo pipefail
arsred=$1
source_dir=$2
try_memory_limits=${3:-yes}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cp -r "$source_dir/tests/fixtures/base" "$work/inputs"
sed -i 's/^status: utkast$/status: slutlig/' "$work/inputs/2024/forbund.yaml"
year="$work/inputs/2024"

# The books, exported after the year's result was booked (closed), through the year's mapping.
cp "$source_dir/tests/fixtures/import/rakenskaper-2024.yaml" "$year/rakenskaper.yaml"
"$arsred" import-sie "$source_dir/tests/fixtures/import/books-2024-closed.se" --year "$year"
cmp "$source_dir/tests/fixtures/import/books-2024-closed.se" "$year/bokforing.se"
"$arsred" approve "$year"
"$arsred" check "$year"
"$arsred" build "$year" --final -o "$work/final.pdf" 2> "$work/build.err"
grep -q "PDF/A-2a, PDF/UA-1" "$work/build.err"
qpdf --check "$work/final.pdf" > /dev/null
# (grep -q would stop reading early, and pipefail count the reader's broken pipe.)
pdfinfo "$work/final.pdf" > "$work/info.txt"
grep -q "^Tagged: *yes" "$work/info.txt"
pdftotext "$work/final.pdf" "$work/text.txt"
grep -q "Samordningsförbundet Provbygden" "$work/text.txt"

"$arsred" archive "$year" --out "$work/archive/2024"
"$arsred" verify "$work/archive/2024"
cmp "$work/final.pdf" "$work/archive/2024/arsredovisning-2024.pdf"
cmp "$year/bokforing.se" "$work/archive/2024/source/inputs/2024/bokforing.se"
grep -q '^  pdf: "PDF/A-2a, PDF/UA-1"$' "$work/archive/2024/manifest.yaml"
# A ledamot signs a seat (qpdf reads the fields, OpenSSL makes the CMS), and a reader checks it.
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/key.pem" -out "$work/cert.pem" -days 2 \
  -subj "/CN=Ledamot Provbygden" -addext "keyUsage=critical,digitalSignature" 2> /dev/null
openssl pkcs12 -export -inkey "$work/key.pem" -in "$work/cert.pem" -out "$work/ledamot.p12" -passout pass:
"$arsred" sign "$work/final.pdf" --seat region --pkcs12 "$work/ledamot.p12" --date "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
  -o "$work/signed.pdf"
pdfsig "$work/signed.pdf" > "$work/signatures.txt" 2>&1 || true  # the certificate is self-signed
grep -q "Signature Validation: Signature is Valid" "$work/signatures.txt"
grep -q "Signer Certificate Common Name: Ledamot Provbygden" "$work/signatures.txt"
# Memory running out is reported, never an abort (mimalloc's own operator new aborted without a
# word): under these limits the check either runs or says so, exit 70 (or 2 where a font file
# could not be mapped). Far lower limits fail while the C++ runtime starts, before arsred's code.
[ "$try_memory_limits" = no ] || for limit in 60000 70000 80000 100000; do
  status=0
  (ulimit -v "$limit"; exec "$arsred" check "$year") > /dev/null 2> "$work/memory.err" || status=$?
  # 70 says so; 2 is a finding where a file could not be mapped ("Cannot allocate memory"); a
  # signal (128 and above) is the abort this guards against.
  if [ "$status" -eq 70 ]; then
    grep -q "^arsred: out of memory" "$work/memory.err"
  elif [ "$status" -eq 2 ]; then
    grep -q "Cannot allocate memory" "$work/memory.err"
  elif [ "$status" -ne 0 ] && [ "$status" -ne 3 ]; then
    echo "arsred check under ulimit -v $limit exited $status:" >&2
    cat "$work/memory.err" >&2
    exit 1
  fi
done
echo "shipped binary: import of closed books, final build, approve, archive, verify and sign pass; out of memory is reported"
