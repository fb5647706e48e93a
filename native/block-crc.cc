// hopcode/native/block-crc — the codec's block CRCs (BlockCodec.blockCrc: CRC-32C continuing
// the file's seed over a block's payload, then its block index as u64 LE) for a whole group in
// one call, with the CPU's crc32 instruction on four blocks at once (the instruction's
// latency is 3 cycles and its throughput one per cycle: four independent chains keep it busy).
// The WebAssembly encoder's own slicing-by-8 chains had been 87 ms of a 64 MiB encode
// (0.8 GB/s); this does the same bytes at ~10 GB/s. x86-64 with SSE4.2 only: elsewhere
// blockCrcs is absent and the kernel computes them (assembly/codec-encode.ts), which is also
// the naive twin the tests compare with (test/codec/native-block-crc.test.ts).
#include "native.h"

#include <cstring>

#if defined(__x86_64__)
#include <nmmintrin.h>

namespace hopcode {
namespace {

__attribute__((target("sse4.2"))) uint32_t Tail(uint32_t raw, const uint8_t* p, size_t n) {
  for (size_t i = 0; i < n; i++) raw = _mm_crc32_u8(raw, p[i]);
  return raw;
}

// Finalised CRCs of the `count` blocks at p + j·stride (len bytes each), block indices first + j.
__attribute__((target("sse4.2"))) void Crcs(const uint8_t* p, size_t stride, size_t len, size_t count, uint32_t seed, uint64_t first, uint8_t* out) {
  const uint64_t init = static_cast<uint32_t>(~seed);
  size_t j = 0;
  for (; j + 4 <= count; j += 4) {
    const uint8_t* q = p + j * stride;
    uint64_t c0 = init, c1 = init, c2 = init, c3 = init;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
      uint64_t w0, w1, w2, w3;
      memcpy(&w0, q + i, 8);
      memcpy(&w1, q + stride + i, 8);
      memcpy(&w2, q + 2 * stride + i, 8);
      memcpy(&w3, q + 3 * stride + i, 8);
      c0 = _mm_crc32_u64(c0, w0);
      c1 = _mm_crc32_u64(c1, w1);
      c2 = _mm_crc32_u64(c2, w2);
      c3 = _mm_crc32_u64(c3, w3);
    }
    uint32_t r[4] = {Tail(c0, q + i, len - i), Tail(c1, q + stride + i, len - i), Tail(c2, q + 2 * stride + i, len - i), Tail(c3, q + 3 * stride + i, len - i)};
    for (int k = 0; k < 4; k++) {
      uint32_t v = ~static_cast<uint32_t>(_mm_crc32_u64(r[k], first + j + k));
      memcpy(out + 4 * (j + k), &v, 4);
    }
  }
  for (; j < count; j++) {
    const uint8_t* q = p + j * stride;
    uint64_t c = init;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
      uint64_t w;
      memcpy(&w, q + i, 8);
      c = _mm_crc32_u64(c, w);
    }
    uint32_t v = ~static_cast<uint32_t>(_mm_crc32_u64(Tail(static_cast<uint32_t>(c), q + i, len - i), first + j));
    memcpy(out + 4 * j, &v, 4);
  }
}

// blockCrcs(mem, at, stride, len, count, seed, firstLo, firstHi, out[, dst]): the CRCs as u32
// LE at byte out of mem, or of dst (a typed array) when given; every range inside its array
// (checked: a bad call throws, never reads or writes past it).
void BlockCrcs(const v8::FunctionCallbackInfo<v8::Value>& args) {
  v8::Isolate* isolate = args.GetIsolate();
  double a[8];
  if (args.Length() < 9 || !args[0]->IsUint8Array()) return ThrowType(isolate, "block-crc: expected (Uint8Array, 8 numbers[, typed array])");
  for (int k = 0; k < 8; k++) {
    if (!args[k + 1]->IsNumber()) return ThrowType(isolate, "block-crc: expected (Uint8Array, 8 numbers[, typed array])");
    a[k] = args[k + 1].As<v8::Number>()->Value();
    if (!(a[k] >= 0 && a[k] <= 4294967295.0)) return ThrowRange(isolate, "block-crc: argument out of range");
  }
  const bool own = args.Length() < 10 || args[9]->IsUndefined();
  if (!own && !args[9]->IsArrayBufferView()) return ThrowType(isolate, "block-crc: dst must be a typed array");
  auto view = args[0].As<v8::Uint8Array>();
  auto dst = own ? v8::Local<v8::ArrayBufferView>(view) : args[9].As<v8::ArrayBufferView>();
  // In doubles: exact below 2^53, and any product above that is past the array anyway.
  const double n = static_cast<double>(view->ByteLength());
  if ((a[3] > 0 && a[0] + (a[3] - 1) * a[1] + a[2] > n) || a[7] + 4 * a[3] > static_cast<double>(dst->ByteLength())) return ThrowRange(isolate, "block-crc: range outside the array");
  size_t at = a[0], stride = a[1], len = a[2], count = a[3], out = a[7];
  uint64_t first = (static_cast<uint64_t>(a[6]) << 32) | static_cast<uint64_t>(a[5]);
  Crcs(ViewData(view) + at, stride, len, count, static_cast<uint32_t>(a[4]), first, ViewData(dst) + out);
}

}  // namespace

void InitBlockCrc(v8::Local<v8::Object> exports) {
  if (__builtin_cpu_supports("sse4.2")) NODE_SET_METHOD(exports, "blockCrcs", BlockCrcs);
}

}  // namespace hopcode

#else
namespace hopcode {
void InitBlockCrc(v8::Local<v8::Object>) {}
}  // namespace hopcode
#endif
