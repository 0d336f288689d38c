/**
 * Compact storage for a block of weights in the artefact's JSON: int16 values times a scale,
 * little-endian, base64. 2^12 weights take 10.9 kB of text; the rounding error is at most
 * max|w| / 65534 per weight.
 */
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

function toBase64(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const triple = (a << 16) | (b << 8) | c;
    text += ALPHABET[(triple >> 18) & 63];
    text += ALPHABET[(triple >> 12) & 63];
    text += i + 1 < bytes.length ? ALPHABET[(triple >> 6) & 63] : "=";
    text += i + 2 < bytes.length ? ALPHABET[triple & 63] : "=";
  }
  return text;
}

function fromBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0) throw new Error("base64: length is not a multiple of 4");
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  const bytes = new Uint8Array((text.length / 4) * 3 - padding);
  let out = 0;
  for (let i = 0; i < text.length; i += 4) {
    let triple = 0;
    for (let j = 0; j < 4; j++) {
      const code = text.charCodeAt(i + j);
      const value = code === 61 ? 0 : code < 128 ? (LOOKUP[code] as number) : -1;
      if (value < 0) throw new Error("base64: invalid character");
      triple = (triple << 6) | value;
    }
    if (out < bytes.length) bytes[out++] = (triple >> 16) & 255;
    if (out < bytes.length) bytes[out++] = (triple >> 8) & 255;
    if (out < bytes.length) bytes[out++] = triple & 255;
  }
  return bytes;
}

export interface PackedWeights {
  scale: number;
  data: string;
}

export function packWeights(weights: ArrayLike<number>): PackedWeights {
  let largest = 0;
  for (let i = 0; i < weights.length; i++)
    largest = Math.max(largest, Math.abs(weights[i] as number));
  const scale = largest === 0 ? 0 : Number((largest / 32767).toPrecision(8));
  const bytes = new Uint8Array(weights.length * 2);
  for (let i = 0; i < weights.length; i++) {
    const q =
      scale === 0
        ? 0
        : Math.max(-32767, Math.min(32767, Math.round((weights[i] as number) / scale)));
    const u = q & 0xffff;
    bytes[2 * i] = u & 255;
    bytes[2 * i + 1] = u >> 8;
  }
  return { scale, data: toBase64(bytes) };
}

export function unpackWeights(packed: PackedWeights, length: number): Float64Array {
  const bytes = fromBase64(packed.data);
  if (bytes.length !== length * 2)
    throw new Error(`packed weights: ${bytes.length / 2} values, expected ${length}`);
  const weights = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    let q = (bytes[2 * i] as number) | ((bytes[2 * i + 1] as number) << 8);
    if (q >= 0x8000) q -= 0x10000;
    weights[i] = q * packed.scale;
  }
  return weights;
}
