// hopcode/native/module — the one native module (dist/native/hopcode.node, built by
// scripts/build-native.mjs): huge-page buffers (huge-pages.cc) and block CRCs (block-crc.cc).
// Context-aware, so every thread (the pool's workers too) can load it.
#include "native.h"

NODE_MODULE_INIT() {
  hopcode::InitHugePages(exports);
  hopcode::InitBlockCrc(exports);
}
