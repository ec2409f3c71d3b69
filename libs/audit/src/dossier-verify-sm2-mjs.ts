// Part of verify.mjs (see dossier-verify-mjs.ts): SM2 signature verification in plain BigInt, since Node's
// own SM2 is unreliable (nodejs/node#53761) and the verifier must run with no dependency.

/** The SM2 (GB/T 32918.2, SM3, user id 1234567812345678) verifier of verify.mjs, as script text. */
export const VERIFY_MJS_SM2 = String.raw`// ---- SM2 (GB/T 32918) signature verification, plain BigInt ----
const SM2 = {
  p: 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn,
  a: 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn,
  b: 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n,
  n: 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n,
  gx: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
  gy: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
};
const mod = (x, m) => ((x % m) + m) % m;
function modPow(base, exp, m) {
  let result = 1n;
  base = mod(base, m);
  for (; exp > 0n; exp >>= 1n, base = (base * base) % m) if (exp & 1n) result = (result * base) % m;
  return result;
}
// Jacobian coordinates [X, Y, Z]; Z = 0 is the point at infinity.
function jDouble([x, y, z]) {
  const p = SM2.p;
  if (z === 0n || y === 0n) return [0n, 1n, 0n];
  const yy = (y * y) % p;
  const s = (4n * x * yy) % p;
  const zz = (z * z) % p;
  const m = mod(3n * x * x + SM2.a * zz * zz, p);
  const x3 = mod(m * m - 2n * s, p);
  return [x3, mod(m * (s - x3) - 8n * yy * yy, p), (2n * y * z) % p];
}
function jAdd(P, Q) {
  const p = SM2.p;
  if (P[2] === 0n) return Q;
  if (Q[2] === 0n) return P;
  const z1z1 = (P[2] * P[2]) % p;
  const z2z2 = (Q[2] * Q[2]) % p;
  const u1 = (P[0] * z2z2) % p;
  const u2 = (Q[0] * z1z1) % p;
  const s1 = (P[1] * Q[2] * z2z2) % p;
  const s2 = (Q[1] * P[2] * z1z1) % p;
  if (u1 === u2) return s1 === s2 ? jDouble(P) : [0n, 1n, 0n];
  const h = mod(u2 - u1, p);
  const r = mod(s2 - s1, p);
  const hh = (h * h) % p;
  const hhh = (hh * h) % p;
  const x3 = mod(r * r - hhh - 2n * u1 * hh, p);
  return [x3, mod(r * (u1 * hh - x3) - s1 * hhh, p), (h * P[2] * Q[2]) % p];
}
function jMul(k, P) {
  let R = [0n, 1n, 0n];
  for (let i = BigInt(k.toString(2).length - 1); i >= 0n; i--) {
    R = jDouble(R);
    if ((k >> i) & 1n) R = jAdd(R, P);
  }
  return R;
}
function affineX([x, , z]) {
  const zInv = modPow(z, SM2.p - 2n, SM2.p);
  return (x * zInv * zInv) % SM2.p;
}
const be32 = (x) => Buffer.from(x.toString(16).padStart(64, '0'), 'hex');
const big = (bytes) => BigInt('0x' + (Buffer.from(bytes).toString('hex') || '0'));
function derSignature(der) {
  // SEQUENCE { INTEGER r, INTEGER s }, minimal DER only.
  const ints = [];
  if (der[0] !== 0x30 || der[1] !== der.length - 2 || der[1] >= 0x80) fail('SM2 签名不是规范的 DER');
  for (let i = 2; i < der.length; ) {
    const len = der[i + 1];
    const body = der.subarray(i + 2, i + 2 + len);
    if (der[i] !== 0x02 || len === 0 || len > 33 || body.length !== len || body[0] & 0x80 || (len > 1 && body[0] === 0 && !(body[1] & 0x80))) fail('SM2 签名不是规范的 DER');
    ints.push(big(body));
    i += 2 + len;
  }
  if (ints.length !== 2) fail('SM2 签名不是规范的 DER');
  return ints;
}
function sm2Verify(publicKey, message, signature) {
  if (publicKey.length !== 65 || publicKey[0] !== 4) return false;
  const px = big(publicKey.subarray(1, 33));
  const py = big(publicKey.subarray(33));
  const { p, a, b, n } = SM2;
  if (px >= p || py >= p || mod(py * py - (px * px * px + a * px + b), p) !== 0n) return false;
  const [r, s] = derSignature(signature);
  if (r < 1n || r >= n || s < 1n || s >= n) return false;
  const id = Buffer.from('1234567812345678');
  const z = digest('sm3', Buffer.from([0x00, 0x80]), id, be32(a), be32(b), be32(SM2.gx), be32(SM2.gy), be32(px), be32(py));
  const e = big(digest('sm3', z, message));
  const t = (r + s) % n;
  if (t === 0n) return false;
  const point = jAdd(jMul(s, [SM2.gx, SM2.gy, 1n]), jMul(t, [px, py, 1n]));
  if (point[2] === 0n) return false;
  return (e + affineX(point)) % n === r;
}

`;
