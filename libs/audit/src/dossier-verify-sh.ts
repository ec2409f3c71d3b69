// Generated files of the dossier are kept here as text (the library does no file I/O); the script itself
// has no backtick and no dollar-brace, so String.raw keeps it byte for byte.

/** verify.sh of the dossier: the recipe of VERIFY.md as a POSIX sh script (coreutils and openssl only). */
export const DOSSIER_VERIFY_SH = String.raw`#!/bin/sh
# 核验本档案（只用 POSIX sh、coreutils 与 openssl）/ Verify this dossier with POSIX sh, coreutils and openssl only.
#   sh verify.sh [vkey]        exit 0: intact; exit 1: the first failure
# The recipe of VERIFY.md, step by step. verify.mjs also re-derives each event file from manifest.json
# (RFC 8785); this script checks the event files, the chain, the proofs, the signature and the materials.
set -eu
cd "$(dirname "$0")"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM

fail() { echo "核验失败 / verification failed: $*" >&2; exit 1; }
command -v openssl >/dev/null 2>&1 || fail "需要 openssl"
# hash ALG FILE|-: lowercase hex digest
hexdigest() { openssl dgst "-$1" -r "$2" | { read -r h _ && echo "$h"; }; }
bindigest() { openssl dgst "-$1" -binary; }
b64() { base64 -w 0; }
hexof() { od -An -v -tx1 | tr -d ' \n'; }

# 1. 哈希链 / the hash chain: chain.txt lines "seq alg hash prevHash", first line "decision <id>".
{
  read -r tag id || fail "chain.txt 为空"
  [ "$tag" = decision ] || fail "chain.txt 第一行应为 decision <id>"
  case "$id" in *'"'* | *'\'* | '') fail "决策标识含有需转义的字符，请用 verify.mjs" ;; esac
  prev=0000000000000000000000000000000000000000000000000000000000000000
  n=0
  while read -r seq alg hash prevhash; do
    n=$((n + 1))
    [ "$seq" = "$n" ] || fail "第 $n 条记录的序号为 $seq"
    [ "$prevhash" = "$prev" ] || fail "第 $seq 条记录的 prevHash 不是上一条的哈希"
    case "$alg" in sha256 | sm3) ;; *) fail "第 $seq 条记录的哈希算法未知：$alg" ;; esac
    f=events/$(printf %06d "$seq").json
    [ -f "$f" ] || fail "缺少 $f"
    [ "$(hexdigest "$alg" "$f")" = "$hash" ] || fail "第 $seq 条记录的哈希不符：$f 被改动"
    body=$(cat "$f")
    case "$body" in *"\"decisionId\":\"$id\","*) ;; *) fail "$f 不属于决策 $id" ;; esac
    case "$body" in *",\"prevHash\":\"$prev\","*) ;; *) fail "$f 的 prevHash 与哈希链不符" ;; esac
    case "$body" in *",\"seq\":$seq,"*) ;; *) fail "$f 的序号与哈希链不符" ;; esac
    echo "$seq $hash" >>"$T/leaves"
    prev=$hash
  done
} <chain.txt
[ "$n" -gt 0 ] || fail "没有记录"
echo "哈希链完整 / chain intact: $n"

# 2. 检查点签名 / the checkpoint's signature: body = first 5 lines, signatures after the blank line.
head -n 5 checkpoint.txt >"$T/body"
{ read -r origin; read -r size; read -r root; read -r hashline; read -r timeline; } <"$T/body"
case "$hashline" in "hash sha256") talg=sha256 ;; "hash sm3") talg=sm3 ;; *) fail "检查点哈希算法行错误" ;; esac
[ "$(head -n 6 checkpoint.txt | tail -n 1)" = "" ] || fail "检查点第 6 行应为空行"
if [ $# -ge 1 ]; then printf '%s\n' "$1" >"$T/keys"; else cp keys.txt "$T/keys"; fi
verified=
tail -n +7 checkpoint.txt >"$T/sigs"
while read -r dash name sig; do
  [ "$dash" = "—" ] || fail "检查点签名行格式错误"
  printf '%s' "$sig" | base64 -d >"$T/sig" || fail "签名不是 base64"
  sigid=$(head -c 4 "$T/sig" | hexof)
  tail -c +5 "$T/sig" >"$T/sigbody"
  while read -r vkey; do
    kname=$(expr "x$vkey" : 'x\([^+]*\)+') || continue
    kid=$(expr "x$vkey" : 'x[^+]*+\([0-9a-f]*\)+') || continue
    kb64=$(expr "x$vkey" : 'x[^+]*+[0-9a-f]*+\(.*\)') || continue
    [ "$kname" = "$name" ] && [ "$kid" = "$sigid" ] || continue
    printf '%s' "$kb64" | base64 -d >"$T/typekey"
    # 密钥标识 = SHA-256(名称 ‖ 0x0A ‖ 类型 ‖ 公钥) 的前 4 字节 / key id
    [ "$( { printf '%s\n' "$kname"; cat "$T/typekey"; } | bindigest sha256 | head -c 4 | hexof)" = "$kid" ] || fail "公钥的密钥标识不符"
    case "$(wc -c <"$T/typekey" | tr -d ' ')-$(head -c 1 "$T/typekey" | hexof)" in
    33-01)
      { printf '\060\052\060\005\006\003\053\145\160\003\041\000'; tail -c 32 "$T/typekey"; } >"$T/spki.der"
      openssl pkey -pubin -inform DER -in "$T/spki.der" -out "$T/pub.pem" 2>/dev/null || fail "Ed25519 公钥无效"
      openssl pkeyutl -verify -pubin -inkey "$T/pub.pem" -rawin -in "$T/body" -sigfile "$T/sigbody" >/dev/null 2>&1 || fail "检查点签名验证失败（Ed25519）"
      ;;
    76-ff)
      [ "$(head -c 11 "$T/typekey" | hexof)" = ff06082a811ccf55018375 ] || fail "SM2 公钥类型不符"
      { printf '\060\131\060\023\006\007\052\206\110\316\075\002\001\006\010\052\201\034\317\125\001\202\055\003\102\000'; tail -c 65 "$T/typekey"; } >"$T/spki.der"
      openssl pkey -pubin -inform DER -in "$T/spki.der" -out "$T/pub.pem" 2>/dev/null || fail "SM2 公钥无效"
      openssl dgst -sm3 -verify "$T/pub.pem" -sigopt distid:1234567812345678 -signature "$T/sigbody" "$T/body" >/dev/null 2>&1 || fail "检查点签名验证失败（SM2）"
      ;;
    *) fail "公钥类型未知" ;;
    esac
    verified="$verified $vkey"
  done <"$T/keys"
done <"$T/sigs"
[ -n "$verified" ] || fail "检查点没有任何受信任公钥的有效签名"
echo "检查点签名有效 / checkpoint signed by:$verified"

# 3. 包含证明 / inclusion proofs: leaf = H(0x00 ‖ {"hash":…,"id":…,"seq":…,"trail":"decision"}).
cpsum=$(hexdigest sha256 checkpoint.txt)
while read -r seq hash; do
  p=proofs/$(printf %06d "$seq").tlog-proof
  [ -f "$p" ] || fail "缺少 $p"
  k=0
  : >"$T/path"
  index=
  while IFS= read -r line; do
    k=$((k + 1))
    case "$k:$line" in
    "1:c2sp.org/tlog-proof@v1") ;;
    1:*) fail "$p 不是 tlog-proof" ;;
    # expr exits 1 when the match is "0": leaf 0 is a valid index, so test the text, not the status.
    *":index "*) index=$(expr "x$line" : 'xindex \([0-9][0-9]*\)$' || :); [ -n "$index" ] || fail "$p 的 index 行错误" ;;
    *":") break ;;
    *) printf '%s\n' "$line" >>"$T/path" ;;
    esac
  done <"$p"
  [ -n "$index" ] || fail "$p 缺少 index"
  tail -n +$((k + 1)) "$p" >"$T/cp"
  [ "$(hexdigest sha256 "$T/cp")" = "$cpsum" ] || fail "$p 所附检查点与 checkpoint.txt 不同"
  { printf '\000'; printf '{"hash":"%s","id":"%s","seq":%s,"trail":"decision"}' "$hash" "$id" "$seq"; } | bindigest "$talg" >"$T/r"
  fn=$index; sn=$((size - 1))
  [ "$fn" -lt "$size" ] || fail "$p 的 index 超出树大小"
  while read -r h; do
    [ "$sn" -gt 0 ] || fail "第 $seq 条记录的包含证明过长"
    printf '%s' "$h" | base64 -d >"$T/h"
    if [ $((fn % 2)) -eq 1 ] || [ "$fn" -eq "$sn" ]; then
      { printf '\001'; cat "$T/h" "$T/r"; } | bindigest "$talg" >"$T/r2"
      while [ $((fn % 2)) -eq 0 ] && [ "$fn" -ne 0 ]; do fn=$((fn / 2)); sn=$((sn / 2)); done
    else
      { printf '\001'; cat "$T/r" "$T/h"; } | bindigest "$talg" >"$T/r2"
    fi
    mv "$T/r2" "$T/r"
    fn=$((fn / 2)); sn=$((sn / 2))
  done <"$T/path"
  [ "$sn" -eq 0 ] && [ "$(b64 <"$T/r")" = "$root" ] || fail "第 $seq 条记录的包含证明不成立"
done <"$T/leaves"
echo "包含证明成立 / every event is in the signed tree ($origin, $size)"

# 4. 材料 / materials: "alg hex path" lines; each hash must be cited by an event.
events=$(cat events/*.json)
m=0
while read -r alg hex path; do
  case "$path" in materials/*/* | *..* | '') fail "材料路径不安全：$path" ;; materials/*) ;; *) fail "材料路径不安全：$path" ;; esac
  [ -f "$path" ] || fail "缺少材料 $path"
  [ "$(hexdigest "$alg" "$path")" = "$hex" ] || fail "材料 $path 的内容与其哈希不符"
  case "$events" in *"\"$alg\":\"$hex\""*) ;; *) fail "材料 $path 没有被任何记录引用" ;; esac
  m=$((m + 1))
done <materials.txt
echo "材料完整 / materials intact: $m"
echo "核验通过 / verified"
`;
