// hopcode/native/huge-pages — zeroed memory on transparent huge pages for the codec's large
// outputs (issue 12). A fresh 64 MiB output took 16 K page faults on its first writes, 25–45 ms
// of kernel time on the 2-core VMs, as much as the clean check itself; on 2 MiB pages that
// VM's kernel takes a few hundred faults. Linux only: mmap 2 MiB-aligned, madvise(MADV_HUGEPAGE)
// (a hint: where THP is "never" the pages stay 4 KiB and nothing else changes), handed to V8
// as the backing store of an ArrayBuffer or a SharedArrayBuffer, unmapped when V8 frees it.
// The JavaScript side (src/util/large-bytes.ts) falls back to ordinary buffers where this
// file is not built.
#include "native.h"

#include <sys/mman.h>

#include <cstddef>
#include <cstdint>

namespace hopcode {
namespace {

constexpr size_t kHugePage = size_t{2} << 20;

struct Mapping {
  void* base;
  size_t length;
};

// Releases a mapping when V8 frees the backing store (from any thread).
void Unmap(void*, size_t, void* mapping) {
  auto* m = static_cast<Mapping*>(mapping);
  munmap(m->base, m->length);
  delete m;
}

// `size` zero bytes starting on a 2 MiB boundary, or nullptr.
void* MapHuge(size_t size, Mapping** out) {
  size_t length = size + kHugePage;
  void* raw = mmap(nullptr, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) return nullptr;
  uintptr_t at = (reinterpret_cast<uintptr_t>(raw) + kHugePage - 1) & ~(uintptr_t{kHugePage} - 1);
  void* p = reinterpret_cast<void*>(at);
  madvise(p, size, MADV_HUGEPAGE);
  *out = new Mapping{raw, length};
  return p;
}

template <bool kShared>
void Allocate(const v8::FunctionCallbackInfo<v8::Value>& args) {
  v8::Isolate* isolate = args.GetIsolate();
  if (args.Length() < 1 || !args[0]->IsNumber()) return ThrowType(isolate, "huge-pages: expected a byte count");
  double n = args[0].As<v8::Number>()->Value();
  if (!(n > 0 && n <= 9007199254740991.0)) return ThrowRange(isolate, "huge-pages: byte count out of range");
  size_t size = static_cast<size_t>(n);
  Mapping* m = nullptr;
  void* p = MapHuge(size, &m);
  if (p == nullptr) {
    args.GetReturnValue().SetNull();  // the caller allocates ordinary memory instead
    return;
  }
  if constexpr (kShared) {
    auto store = v8::SharedArrayBuffer::NewBackingStore(p, size, Unmap, m);
    args.GetReturnValue().Set(v8::SharedArrayBuffer::New(isolate, std::move(store)));
  } else {
    auto store = v8::ArrayBuffer::NewBackingStore(p, size, Unmap, m);
    args.GetReturnValue().Set(v8::ArrayBuffer::New(isolate, std::move(store)));
  }
}

}  // namespace

void InitHugePages(v8::Local<v8::Object> exports) {
  NODE_SET_METHOD(exports, "arrayBuffer", Allocate<false>);
  NODE_SET_METHOD(exports, "sharedArrayBuffer", Allocate<true>);
}

}  // namespace hopcode
