#!/usr/bin/env bash
# Verifies an Evidence Workbench bundle (format v1) with standard tools only: unzip, openssl,
# sha256sum, jq, minisign, base64, xxd-free shell. Trust comes from a keyring JSON file
# (the same file `evw verify --keyring` reads); nothing in the bundle is trusted.
#
#   usage: verify-bundle.sh BUNDLE.evb KEYRING.json [REQUIRED_ROLE ...]
#
# Exit 0 when every check passes, 1 when one fails. Not checked here (evw does it): the
# audit-log inclusion proof, key validity windows, and the template's field rules.
set -euo pipefail

bundle=$(realpath "$1") keyring=$(realpath "$2")
shift 2
required_roles=("$@")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# 1. Entry names: relative POSIX paths only, no "..", no backslashes, no duplicates, no links.
unzip -Z1 "$bundle" > "$work/names" || fail "not a readable zip"
if grep -nE '(^/|^[A-Za-z]:|\\|(^|/)\.\.?(/|$)|//|[[:cntrl:]])' "$work/names"; then fail "unsafe entry name"; fi
[ -z "$(sort "$work/names" | uniq -d)" ] || fail "duplicate entry names"
if unzip -Z "$bundle" | grep -qE '^l'; then fail "symbolic link entry"; fi
mkdir "$work/b"
unzip -qq "$bundle" -d "$work/b" || fail "unzip reports a damaged entry (CRC or format error)"
cd "$work/b"

# A trusted key's PEM from the keyring: SPKI DER = 302a300506032b6570032100 || raw key.
pem_for() { # keyid -> writes $work/<keyid>.pem, fails if the keyid is not trusted
  local raw
  raw=$(jq -r --arg k "$1" '.keys[] | select(.keyid == $k and (.revoked | not)) | .publicKey' "$keyring")
  [ -n "$raw" ] || fail "key $1 is not trusted (absent or revoked in $keyring)"
  { printf '\x30\x2a\x30\x05\x06\x03\x2b\x65\x70\x03\x21\x00'; printf '%s' "$raw" | base64 -d; } > "$work/$1.der"
  [ "$(sha256sum < "$work/$1.der" | cut -d' ' -f1)" = "$1" ] || fail "keyring entry $1 does not match its key"
  openssl pkey -pubin -inform DER -in "$work/$1.der" -out "$work/$1.pem"
}

# DSSE: check every signature over PAE(payloadType, payload) with openssl.
verify_dsse() { # file -> writes $work/payload of that file
  local f=$1 type n i keyid
  type=$(jq -r '.payloadType' "$f")
  [ "$type" = "application/vnd.in-toto+json" ] || fail "$f: wrong payloadType"
  jq -r '.payload' "$f" | base64 -d > "$work/payload"
  { printf 'DSSEv1 %d %s %d ' "${#type}" "$type" "$(stat -c %s "$work/payload")"; cat "$work/payload"; } > "$work/pae"
  n=$(jq '.signatures | length' "$f")
  [ "$n" -ge 1 ] || fail "$f: no signature"
  for ((i = 0; i < n; i++)); do
    keyid=$(jq -r ".signatures[$i].keyid" "$f")
    pem_for "$keyid"
    jq -r ".signatures[$i].sig" "$f" | base64 -d > "$work/sig"
    openssl pkeyutl -verify -pubin -inkey "$work/$keyid.pem" -rawin -in "$work/pae" -sigfile "$work/sig" >/dev/null \
      || fail "$f: bad signature by $keyid"
  done
}

# 2. The statement: signed by trusted keys, including its creator.
verify_dsse statement.dsse.json
cp "$work/payload" "$work/statement.json"
statement_sha=$(sha256sum < "$work/statement.json" | cut -d' ' -f1)
creator=$(jq -r '.predicate.createdBy.keyid' "$work/statement.json")
jq -e --arg k "$creator" '.signatures | any(.keyid == $k)' statement.dsse.json >/dev/null || fail "creator did not sign"
echo "statement signed; sha256 $statement_sha"

# 3. SHA256SUMS lists exactly the statement's subjects; minisign signature by the creator.
jq -r '.subject[] | "\(.digest.sha256)  \(.name)"' "$work/statement.json" | LC_ALL=C sort -k2 > "$work/expected-sums"
LC_ALL=C sort -k2 SHA256SUMS | cmp -s - "$work/expected-sums" || fail "SHA256SUMS differs from the signed subjects"
# minisign public key from the trusted key: "Ed" || first 8 bytes of keyid || raw key.
pem_for "$creator"
{ echo "untrusted comment: trusted key $creator"
  { printf 'Ed'; printf '%s' "${creator:0:16}" | sed 's/../\\x&/g' | xargs -0 printf; tail -c 32 "$work/$creator.der"; } | base64 -w0; echo; } > "$work/creator.pub"
minisign -Vm SHA256SUMS -x SHA256SUMS.minisig -p "$work/creator.pub" -q || fail "SHA256SUMS.minisig does not verify"

# 4. Every signed file is present and intact, and no unsigned file is there.
sha256sum --quiet --strict -c SHA256SUMS || fail "a file does not match SHA256SUMS"
grep -E '^(files/|packet\.pdf$)' "$work/names" | LC_ALL=C sort > "$work/present"
cut -c67- "$work/expected-sums" | LC_ALL=C sort > "$work/signed"
cmp -s "$work/present" "$work/signed" || fail "files present differ from files signed: $(diff "$work/signed" "$work/present" | grep '^[<>]' | head -3 | tr '\n' ' ')"
if grep -vE '^(statement\.dsse\.json|SHA256SUMS|SHA256SUMS\.minisig|files/.*|packet\.pdf|signoffs/[^/]+\.dsse\.json|keys/[^/]+\.(pem|pub)|log/statement\.tlog-proof)$' "$work/names"; then
  fail "entry outside the bundle layout"
fi
echo "files intact: $(wc -l < "$work/signed")"

# 5. Sign-offs: over this statement, by a trusted key holding the role; approvals counted.
packet=$(jq -r '.predicate.packet.packetId' "$work/statement.json")
approved=()
for f in signoffs/*.dsse.json; do
  [ -e "$f" ] || continue
  verify_dsse "$f"
  jq -e --arg s "$statement_sha" --arg p "$packet" \
    '.subject == [{"name":"statement.dsse.json#payload","digest":{"sha256":$s}}] and .predicate.packetId == $p' \
    "$work/payload" >/dev/null || fail "$f was made for another statement"
  role=$(jq -r '.predicate.role' "$work/payload")
  decision=$(jq -r '.predicate.decision' "$work/payload")
  signer=$(jq -r '.predicate.signer.keyid' "$work/payload")
  jq -e --arg k "$signer" '.signatures == [.signatures[0]] and .signatures[0].keyid == $k' "$f" >/dev/null || fail "$f: signer mismatch"
  [ "$f" = "signoffs/$role.${signer:0:16}.dsse.json" ] || fail "$f: name does not match its role and signer"
  jq -e --arg k "$signer" --arg r "$role" '.keys[] | select(.keyid == $k) | .roles | index($r)' "$keyring" >/dev/null \
    || fail "$f: signer does not hold role $role"
  [ "$decision" = approve ] || fail "$f: $role rejected: $(jq -r '.predicate.comment // "no reason"' "$work/payload")"
  approved+=("$role")
  echo "sign-off: $role approved"
done
for r in "${required_roles[@]}"; do
  printf '%s\n' "${approved[@]}" | grep -qx "$r" || fail "required role $r has not approved"
done
echo "VERIFIED (standard tools): $packet"
