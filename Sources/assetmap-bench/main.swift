print("assetmap-bench: not written yet")
