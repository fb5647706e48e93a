{
  "targets": [
    {
      "target_name": "huge_pages",
      "sources": ["huge-pages.cc"],
      "cflags_cc": ["-O2", "-std=c++17"],
      "conditions": [["OS!='linux'", { "sources!": ["huge-pages.cc"], "type": "none" }]]
    }
  ]
}
