import { VERIFY_MJS_SM2 } from './dossier-verify-sm2-mjs';

// Generated files of the dossier are kept here as text (the library does no file I/O); the script itself
// has no backtick and no dollar-brace, so String.raw keeps it byte for byte.

// The script in two parts around its SM2 verifier (dossier-verify-sm2-mjs.ts).
const PART_1 = String.raw`#!/usr/bin/env node
// 核验本档案 / Verify this dossier:   node verify.mjs [--key <vkey>]...
// Zero dependencies (node:crypto, node:fs, node:path only), Node >= 20. Exit 0: intact; exit 1: the first failure.
// It checks: every event's canonical JSON (RFC 8785) and hash, the hash chain, every inclusion proof against
// the signed checkpoint, the checkpoint's signature (Ed25519, or SM2 in plain BigInt code), every material.
import { createHash, createPublicKey, getHashes, verify as nodeVerify } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const DIR = import.meta.dirname || decodeURIComponent(new URL('.', import.meta.url).pathname);
const GENESIS = '0'.repeat(64);
const SM2_TYPE = Buffer.from('ff06082a811ccf55018375', 'hex');

class Failure extends Error {}
function fail(message) {
  throw new Failure(message);
}
function read(path) {
  if (path.split('/').some((part) => part === '..' || part === '') || path.startsWith('/')) fail('文件路径不安全：' + path);
  const full = join(DIR, path);
  if (!existsSync(full)) fail('缺少文件：' + path);
  return readFileSync(full);
}
function digest(alg, ...parts) {
  if (alg !== 'sha256' && alg !== 'sm3') fail('未知的哈希算法：' + alg);
  if (alg === 'sm3' && !getHashes().includes('sm3')) fail('此 Node 的 OpenSSL 不支持 SM3');
  const h = createHash(alg);
  for (const part of parts) h.update(part);
  return h.digest();
}
const pad6 = (n) => String(n).padStart(6, '0');

// ---- RFC 8785 canonical JSON ----
function jcs(value) {
  if (value === null) return 'null';
  if (typeof value === 'string') {
    if (!value.isWellFormed()) fail('字符串含孤立代理项，无法规范化');
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) fail('数值不是有限数');
    return JSON.stringify(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return '[' + value.map(jcs).join(',') + ']';
  if (typeof value === 'object') {
    const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
    return '{' + keys.map((k) => jcs(k) + ':' + jcs(value[k])).join(',') + '}';
  }
  fail('不是 JSON 值');
}
const COVERED = ['alg', 'calendar', 'decisionId', 'seq', 'type', 'payload', 'actor', 'occurredAt', 'stateBefore', 'stateAfter', 'machine', 'profile', 'prevHash', 'warnings'];
function hashInput(event) {
  const covered = {};
  for (const key of COVERED) if (event[key] !== undefined) covered[key] = event[key];
  return jcs(covered);
}

`;

const PART_2 = String.raw`// ---- C2SP signed notes, vkeys, checkpoints, proofs ----
function strictBase64(text, what) {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.toString('base64') !== text) fail(what + ' 不是规范的 base64');
  return bytes;
}
function parseVkey(vkey) {
  const m = /^([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/]+=*)$/.exec(vkey);
  if (!m) fail('公钥（vkey）格式错误：' + vkey);
  const bytes = strictBase64(m[3], '公钥');
  let alg;
  let publicKey;
  if (bytes.length === 33 && bytes[0] === 0x01) [alg, publicKey] = ['ed25519', bytes.subarray(1)];
  else if (bytes.length === SM2_TYPE.length + 65 && bytes.subarray(0, SM2_TYPE.length).equals(SM2_TYPE)) [alg, publicKey] = ['sm2', bytes.subarray(SM2_TYPE.length)];
  else fail('公钥（vkey）的签名类型未知：' + vkey);
  const id = createHash('sha256').update(m[1]).update(Buffer.from([0x0a])).update(bytes).digest().subarray(0, 4).toString('hex');
  if (id !== m[2]) fail('公钥（vkey）的密钥标识与公钥不符：' + vkey);
  return { vkey, name: m[1], id, alg, publicKey };
}
function verifySignature(key, message, signature) {
  if (key.alg === 'sm2') return sm2Verify(key.publicKey, message, signature);
  const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), key.publicKey]);
  return signature.length === 64 && nodeVerify(null, message, createPublicKey({ key: spki, format: 'der', type: 'spki' }), signature);
}
function openNote(noteBytes, keys) {
  const note = noteBytes.toString('utf8');
  if (!Buffer.from(note, 'utf8').equals(noteBytes) || /[\u0000-\u0009\u000b-\u001f]/.test(note)) fail('检查点不是合法的签名注记文本');
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) fail('检查点缺少正文与签名之间的空行');
  const text = note.slice(0, split + 1);
  const verified = [];
  for (const line of note.slice(split + 2, -1).split('\n')) {
    const m = /^\u2014 (\S+) (\S+)$/.exec(line);
    if (!m) fail('检查点签名行格式错误：' + line);
    const bytes = strictBase64(m[2], '签名');
    const key = keys.find((k) => k.name === m[1] && k.id === bytes.subarray(0, 4).toString('hex'));
    if (!key) continue;
    if (!verifySignature(key, Buffer.from(text, 'utf8'), bytes.subarray(4))) fail('检查点签名验证失败（密钥 ' + key.name + ' ' + key.id + '）');
    verified.push(key);
  }
  if (verified.length === 0) fail('检查点没有任何受信任公钥的有效签名');
  return { text, verified };
}
function parseCheckpoint(text) {
  const lines = text.slice(0, -1).split('\n');
  if (lines.length !== 5 || !/^(0|[1-9][0-9]*)$/.test(lines[1]) || !/^hash (sha256|sm3)$/.test(lines[3]) || !/^time \S+$/.test(lines[4])) fail('检查点正文格式错误');
  const root = strictBase64(lines[2], '根哈希');
  if (root.length !== 32) fail('检查点根哈希长度错误');
  return { origin: lines[0], size: Number(lines[1]), root, hash: lines[3].slice(5), time: lines[4].slice(5) };
}
function parseProof(bytes, checkpointNote) {
  const text = bytes.toString('utf8');
  const blank = text.indexOf('\n\n');
  if (blank < 0) fail('包含证明格式错误');
  const lines = text.slice(0, blank).split('\n');
  if (lines[0] !== 'c2sp.org/tlog-proof@v1') fail('包含证明不是 c2sp.org/tlog-proof@v1');
  let i = 1;
  if (lines[i] && lines[i].startsWith('extra ')) i++;
  const m = /^index (0|[1-9][0-9]*)$/.exec(lines[i++] || '');
  if (!m) fail('包含证明缺少 index 行');
  const hashes = lines.slice(i).map((line) => strictBase64(line, '证明哈希'));
  if (!Buffer.from(text.slice(blank + 2), 'utf8').equals(checkpointNote)) fail('包含证明所附检查点与 checkpoint.txt 不同');
  return { index: Number(m[1]), hashes };
}
function verifyInclusion(alg, index, size, leafHash, proof, root) {
  if (index >= size || proof.some((p) => p.length !== 32)) return false;
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = digest(alg, Buffer.from([1]), p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn /= 2;
        sn = Math.floor(sn / 2);
      }
    } else {
      r = digest(alg, Buffer.from([1]), r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

// ---- the dossier ----
function main(args) {
  const manifest = JSON.parse(read('manifest.json').toString('utf8'));
  if (manifest.format !== 'major-decision-dossier/2') fail('不认识的档案格式：' + manifest.format);
  const decisionId = manifest.decision.id;
  const pinned = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--key' && args[i + 1]) pinned.push(parseVkey(args[++i]));
    else fail('用法：node verify.mjs [--key <vkey>]...');
  }
  const keys = pinned.length ? pinned : read('keys.txt').toString('utf8').split('\n').filter(Boolean).map(parseVkey);

  // 1. Events: canonical text, hash, chain.
  let prev = GENESIS;
  let chainTxt = 'decision ' + decisionId + '\n';
  manifest.events.forEach((event, i) => {
    const seq = i + 1;
    const alg = event.alg === undefined ? 'sha256' : event.alg;
    if (event.seq !== seq) fail('第 ' + seq + ' 条记录的序号为 ' + event.seq + '（记录缺失或顺序错乱）');
    if (event.decisionId !== decisionId) fail('第 ' + seq + ' 条记录不属于本决策');
    if (event.prevHash !== prev) fail('第 ' + seq + ' 条记录的 prevHash 不是上一条记录的哈希（哈希链断裂）');
    const text = read('events/' + pad6(seq) + '.json');
    if (!Buffer.from(hashInput(event), 'utf8').equals(text)) fail('第 ' + seq + ' 条记录与 events/' + pad6(seq) + '.json 的规范化文本不符');
    if (digest(alg, text).toString('hex') !== event.hash) fail('第 ' + seq + ' 条记录的哈希不符：记录被改动');
    chainTxt += seq + ' ' + alg + ' ' + event.hash + ' ' + prev + '\n';
    prev = event.hash;
  });
  if (manifest.decision.lastHash !== undefined && manifest.decision.lastHash !== prev) fail('决策的 lastHash 不是最后一条记录的哈希');
  if (!read('chain.txt').equals(Buffer.from(chainTxt, 'utf8'))) fail('chain.txt 与 manifest.json 的记录不符');

  // 2. Checkpoint and signature.
  const checkpointNote = read('checkpoint.txt');
  const { text, verified } = openNote(checkpointNote, keys);
  const checkpoint = parseCheckpoint(text);

  // 3. Inclusion of every event in the signed tree.
  manifest.events.forEach((event, i) => {
    const seq = i + 1;
    const proof = parseProof(read('proofs/' + pad6(seq) + '.tlog-proof'), checkpointNote);
    const leaf = Buffer.from(jcs({ hash: event.hash, id: decisionId, seq, trail: 'decision' }), 'utf8');
    const leafHash = digest(checkpoint.hash, Buffer.from([0]), leaf);
    if (!verifyInclusion(checkpoint.hash, proof.index, checkpoint.size, leafHash, proof.hashes, checkpoint.root)) fail('第 ' + seq + ' 条记录的包含证明不成立：它不在已签名的检查点中');
  });

  // 4. Materials: listed bytes and hashes, each cited by an event.
  const cited = new Map();
  for (const event of manifest.events) for (const m of (event.payload && event.payload.materials) || []) cited.set(m.id, m);
  for (const m of manifest.materials) {
    if (!/^materials\/[^/]+$/.test(m.path)) fail('材料路径不安全：' + m.path);
    const bytes = read(m.path);
    if (bytes.length !== m.size) fail('材料 ' + m.path + ' 的大小不符');
    const ref = cited.get(m.id);
    if (!ref) fail('材料 ' + m.path + ' 没有被任何记录引用，无法证明其来源');
    for (const alg of ['sha256', 'sm3']) {
      if (m[alg] === undefined && ref[alg] === undefined) continue;
      if (m[alg] !== ref[alg]) fail('材料 ' + m.path + ' 的 ' + alg + ' 与引用它的记录不符');
      if (digest(alg, bytes).toString('hex') !== m[alg]) fail('材料 ' + m.path + ' 的内容与其哈希不符：材料被改动');
    }
    if (m.sha256 === undefined && m.sm3 === undefined) fail('材料 ' + m.path + ' 没有哈希');
    cited.delete(m.id);
  }
  if (cited.size) fail('记录引用的材料不在档案中：' + [...cited.keys()].join(', '));

  console.log('核验通过 / verified: ' + manifest.events.length + ' 条记录，' + manifest.materials.length + ' 份材料');
  console.log('检查点 / checkpoint: ' + checkpoint.origin + ' 树大小 ' + checkpoint.size + ' ' + checkpoint.hash + ' ' + checkpoint.time);
  for (const key of verified) console.log('签名公钥 / signed by: ' + key.vkey);
  if (!pinned.length) console.log('请将上述公钥与公开发布的公钥核对，或以 --key 指定 / compare this key with the published one, or pin it with --key');
}

try {
  main(process.argv.slice(2));
  process.exitCode = 0;
} catch (err) {
  console.error('核验失败 / verification failed: ' + (err instanceof Failure ? err.message : String(err && err.message ? err.message : err)));
  process.exitCode = 1;
}
`;

/** verify.mjs of the dossier: the zero-dependency Node verifier (chain, hashes, proofs, signature, materials). */
export const DOSSIER_VERIFY_MJS = PART_1 + VERIFY_MJS_SM2 + PART_2;
