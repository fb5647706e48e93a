{
  "targets": [
    {
      "target_name": "hopcode",
      "sources": ["module.cc", "huge-pages.cc", "block-crc.cc"],
      "cflags_cc": ["-O2", "-std=c++17"],
      "conditions": [["OS!='linux'", { "sources!": ["module.cc", "huge-pages.cc", "block-crc.cc"], "type": "none" }]]
    }
  ]
}
