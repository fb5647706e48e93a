// hopcode/native/native.h — what the native files share: one module (module.cc), each file an
// Init function adding its methods to the exports.
#pragma once
#include <node.h>

#include <cstdint>

namespace hopcode {

inline void ThrowType(v8::Isolate* isolate, const char* msg) {
  isolate->ThrowException(v8::Exception::TypeError(v8::String::NewFromUtf8(isolate, msg).ToLocalChecked()));
}

inline void ThrowRange(v8::Isolate* isolate, const char* msg) {
  isolate->ThrowException(v8::Exception::RangeError(v8::String::NewFromUtf8(isolate, msg).ToLocalChecked()));
}

// The first byte of a typed array's view (an ArrayBuffer's or a SharedArrayBuffer's).
inline uint8_t* ViewData(v8::Local<v8::ArrayBufferView> view) {
  return static_cast<uint8_t*>(view->Buffer()->Data()) + view->ByteOffset();
}

void InitHugePages(v8::Local<v8::Object> exports);
void InitBlockCrc(v8::Local<v8::Object> exports);

}  // namespace hopcode
