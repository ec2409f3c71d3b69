/** VERIFY.md of the self-proving dossier: the format and how to check it with Node alone or with coreutils + openssl alone. */
export const DOSSIER_VERIFY_MD = String.raw`# 如何核验本档案 / How to verify this dossier

## 一、快速核验

在解压后的目录中运行以下任一命令，退出码 0 表示完整，1 表示发现问题（并指出第一处）：

    node verify.mjs                    # 只需 Node.js ≥ 20，无任何第三方依赖
    sh verify.sh                       # 只需 POSIX sh、coreutils 与 openssl ≥ 3.0

两者都会打印签署检查点的公钥（vkey）。**请将它与机关公开发布的公钥核对**（例如
GET /api/audit/keys 的结果、公告或纸质存档），或直接指定受信任的公钥：

    node verify.mjs --key '<vkey>'
    sh verify.sh '<vkey>'

档案能证明：其中每条过程记录、每份材料都与记录当时写入、并由签名检查点固定的
内容一致，且未被改动、删除或调换顺序。档案不能证明在导出之后没有新的记录；如需
确认，请以更新的检查点或更新的档案比对。

## 二、档案内容

| 文件 | 内容 |
| --- | --- |
| manifest.json | 决策信息、全部过程记录（含 hash）、材料清单、检查点与公钥概要 |
| chain.txt | 第一行 decision <决策标识>；其后每行 <序号> <哈希算法> <哈希> <上一条哈希> |
| events/NNNNNN.json | 第 N 条记录被哈希的规范化 JSON 文本（逐字节） |
| checkpoint.txt | 签名检查点（C2SP signed note / tlog-checkpoint） |
| proofs/NNNNNN.tlog-proof | 第 N 条记录在检查点 Merkle 树中的包含证明（c2sp.org/tlog-proof@v1），末尾附检查点原文 |
| keys.txt, keys/*.pem | 公钥：vkey 形式与 PEM（SPKI）形式 |
| materials/…, materials.txt | 材料原件；materials.txt 每行 <哈希算法> <哈希> <路径> |
| verify.mjs, verify.sh | 核验程序 |

## 三、格式

1. **过程记录的哈希。** 每条记录取以下字段（缺省的字段不写）：
   alg, calendar, decisionId, seq, type, payload, actor, occurredAt, stateBefore,
   stateAfter, machine, profile, prevHash, warnings；按 RFC 8785（JCS）写成规范化 JSON：键按
   UTF-16 码元排序、无空白、字符串与数字按 ECMAScript JSON.stringify 的写法（如 1e-7、
   1e+21）、不得含孤立代理项；以 UTF-8 编码，即 events/NNNNNN.json 的内容。哈希算法为
   alg（缺省为 sha256；国密配置为 sm3），哈希值为小写十六进制。
2. **哈希链。** 第 1 条的 prevHash 为 64 个 0；其后每条的 prevHash 等于前一条的 hash；
   seq 从 1 连续递增。
3. **Merkle 树叶子。** 每条记录在本辖区 Merkle 树（RFC 6962/9162）中的叶子数据为
   {"hash":"<记录哈希>","id":"<决策标识>","seq":<序号>,"trail":"decision"} 的规范化 JSON；
   叶子哈希 = H(0x00 ‖ 叶子数据)，内部节点 = H(0x01 ‖ 左 ‖ 右)，H 为检查点 hash 行所写算法。
4. **检查点。** 正文 5 行：来源（origin）、树大小、根哈希（base64）、hash <算法>、
   time <签署时刻>；空一行后为签名行"— <密钥名> base64(4 字节密钥标识 ‖ 签名)"。
   密钥标识 = SHA-256(密钥名 ‖ 0x0A ‖ 签名类型 ‖ 公钥) 的前 4 字节。Ed25519 的签名类型为
   0x01；SM2 的签名类型为 0xff 后接 SM2-with-SM3 算法标识 1.2.156.10197.1.501 的 DER
   （ff06082a811ccf55018375），公钥为 65 字节非压缩点，签名为 DER 编码的 (r, s)，
   用户标识 1234567812345678，摘要 SM3。
5. **包含证明。** 第 1 行 c2sp.org/tlog-proof@v1，第 2 行 index <叶子序号，从 0 起>，
   其后每行一个 base64 哈希（由叶子的兄弟节点至根的子节点），空一行后为检查点原文。
   按 RFC 9162 第 2.1.3.2 节算法由叶子哈希推出的根须等于检查点的根。

## 四、只用 coreutils 与 openssl 的核验步骤

verify.sh 即以下步骤的实现（另外 verify.mjs 还会由 manifest.json 重新生成每个
events 文件并比对）。以 sha256 为例，国密档案把 -sha256 换成 -sm3：

1. 逐行读 chain.txt：核对序号连续、prevHash 等于上一行的哈希，并计算

       openssl dgst -sha256 -r events/000001.json

   结果须等于该行的哈希；该文件须含 ,"prevHash":"<上一条哈希>", 与 ,"seq":<序号>, 。
2. 取 checkpoint.txt 前 5 行为正文 body，第 7 行起为签名行。对每个签名行：
   base64 -d 得到签名，前 4 字节为密钥标识（须与 keys.txt 中同名 vkey 的第二段一致），
   其余为签名。vkey 第三段 base64 -d 得到"类型 ‖ 公钥"，并核对

       { printf '%s\n' "<密钥名>"; cat type-and-key.bin; } | openssl dgst -sha256 -binary | head -c 4 | od -An -tx1

   等于密钥标识。用 keys/*.pem（或由公钥拼出 SPKI）验签：

       openssl pkeyutl -verify -pubin -inkey keys/ed25519-….pem -rawin -in body -sigfile sig.bin
       openssl dgst -sm3 -verify keys/sm2-….pem -sigopt distid:1234567812345678 -signature sig.der body

3. 对每条记录：叶子哈希

       { printf '\000'; printf '{"hash":"%s","id":"%s","seq":%s,"trail":"decision"}' <哈希> <决策标识> <序号>; } | openssl dgst -sha256 -binary

   再按 proofs/NNNNNN.tlog-proof 中的 index 与各证明哈希逐级计算
   H(0x01 ‖ 左 ‖ 右)（printf '\001' 接两段 base64 -d 的结果，管道给 openssl dgst -binary），
   最终 base64 须等于检查点第 3 行。
4. 对 materials.txt 每行：openssl dgst -<算法> -r <路径> 须等于所列哈希，且该哈希须出现在
   某条记录的 payload.materials 中。

---

## 1. Quick check

In the unzipped folder run either command; exit code 0 means intact, 1 means a problem
(the first one is printed):

    node verify.mjs                    # Node.js ≥ 20 only, no third-party code
    sh verify.sh                       # POSIX sh, coreutils and openssl ≥ 3.0 only

Both print the public key (vkey) that signed the checkpoint. **Compare it with the key the
authority publishes** (GET /api/audit/keys, a notice, a paper record), or pin it:
node verify.mjs --key '<vkey>' / sh verify.sh '<vkey>'.

The dossier proves that each event and each material is exactly what was recorded and then
fixed by the signed checkpoint: nothing altered, removed or reordered. It cannot prove that
no event was recorded after the export; compare with a later checkpoint or dossier for that.

## 2. Contents

manifest.json (decision, events with hashes, materials, checkpoint and keys), chain.txt
(decision <id>, then "seq alg hash prevHash" per event), events/NNNNNN.json (the exact bytes
each hash covers), checkpoint.txt (C2SP signed note, tlog-checkpoint body),
proofs/NNNNNN.tlog-proof (c2sp.org/tlog-proof@v1 inclusion proofs, checkpoint verbatim at the
end), keys.txt and keys/*.pem (vkeys and SPKI PEM), materials/… and materials.txt
("alg hash path"), verify.mjs and verify.sh.

## 3. Format

1. **Event hash.** The fields alg, calendar, decisionId, seq, type, payload, actor,
   occurredAt, stateBefore, stateAfter, machine, profile, prevHash, warnings (absent ones left out) as
   RFC 8785 (JCS) canonical JSON: keys sorted by UTF-16 code units, no whitespace, strings
   and numbers as ECMAScript JSON.stringify writes them (1e-7, 1e+21), no lone surrogates;
   UTF-8. That text is events/NNNNNN.json. The hash is alg (absent: sha256; 国密: sm3), in
   lowercase hex. (A Python json.dumps(sort_keys=True) recipe is not JCS: it sorts keys by
   code point and writes numbers differently.)
2. **Chain.** prevHash of seq 1 is 64 zeros, then the previous hash; seq runs 1, 2, 3…
3. **Merkle leaf.** The leaf data of an event is the canonical JSON
   {"hash":"<event hash>","id":"<decision id>","seq":<seq>,"trail":"decision"}; leaf hash
   H(0x00 ‖ data), node H(0x01 ‖ left ‖ right) (RFC 6962/9162), H the checkpoint's hash.
4. **Checkpoint.** Five lines: origin, tree size, base64 root, hash <alg>, time <instant>;
   a blank line; signature lines "— <key name> base64(4-byte key id ‖ signature)". Key id =
   SHA-256(key name ‖ 0x0A ‖ type ‖ public key)[:4]. Ed25519: type 0x01. SM2: type 0xff
   followed by the DER of OID 1.2.156.10197.1.501 (SM2-with-SM3), 65-byte uncompressed
   public key, DER (r, s) signature, user id 1234567812345678, digest SM3.
5. **Inclusion proof.** c2sp.org/tlog-proof@v1, index <0-based leaf index>, one base64 hash
   per line (leaf's sibling first), a blank line, the checkpoint verbatim; the root computed
   by RFC 9162 §2.1.3.2 must equal the checkpoint's.

## 4. With coreutils and openssl only

verify.sh implements these steps (verify.mjs additionally rebuilds every events file from
manifest.json). For a 国密 dossier use -sm3 where -sha256 is written.

1. Read chain.txt: seqs consecutive, each prevHash the previous line's hash, and
   openssl dgst -sha256 -r events/000001.json equal to the line's hash; the file contains
   ,"prevHash":"<previous hash>", and ,"seq":<seq>, .
2. checkpoint.txt: lines 1-5 are the body, signatures from line 7. base64 -d a signature:
   4 bytes key id (the vkey's second part), then the signature. base64 -d the vkey's third
   part ("type ‖ key") and check SHA-256(name ‖ 0x0A ‖ type ‖ key)[:4] is the key id. Verify
   with keys/*.pem: openssl pkeyutl -verify -pubin -inkey <pem> -rawin -in body -sigfile sig
   (Ed25519) or openssl dgst -sm3 -verify <pem> -sigopt distid:1234567812345678 -signature
   sig.der body (SM2).
3. For each event, leaf hash = { printf '\000'; printf '{"hash":"%s","id":"%s","seq":%s,"trail":"decision"}' … ; } | openssl dgst -sha256 -binary,
   then fold the proof hashes of proofs/NNNNNN.tlog-proof by its index (printf '\001' and the
   two base64 -d halves into openssl dgst -binary); the base64 result must be the
   checkpoint's third line.
4. Each line of materials.txt: openssl dgst -<alg> -r <path> equals the hash, and the hash
   appears in the payload.materials of an event.
`;
