print("assetmap")
