extension RandomAccessCollection {
    /// The index of the first element for which `isInSecondPart` holds, in a collection where every element
    /// for which it does not hold comes first (a sorted array, asked "at least x?"): a binary search.
    @inlinable
    package func partitioningIndex(where isInSecondPart: (Element) throws -> Bool) rethrows -> Index {
        var low = startIndex, count = self.count
        while count > 0 {
            let half = count / 2
            let mid = index(low, offsetBy: half)
            if try isInSecondPart(self[mid]) {
                count = half
            } else {
                low = index(after: mid)
                count -= half + 1
            }
        }
        return low
    }
}
