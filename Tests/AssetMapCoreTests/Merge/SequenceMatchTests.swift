import Testing
@testable import AssetMapCore

@Suite struct SequenceMatchTests {
    /// A block longer than the near search inserted, a block deleted, one element moved: every pair is equal and
    /// in order, and all that kept its order is matched.
    @Test func linesUpLongSequencesWithBlocksInsertedDeletedAndMoved() {
        let a = Array(0..<5000)
        var b = a
        b.remove(at: 100)
        b.insert(contentsOf: 10_000..<10_300, at: 2000)
        b.removeSubrange(4000..<4100)
        b.append(100)
        let partner = SequenceMatch.match(a, b)
        var last = -1
        for (i, j) in partner.enumerated() where j >= 0 {
            #expect(a[i] == b[j])
            #expect(j > last)
            last = j
        }
        #expect(partner.filter { $0 >= 0 }.count == 5000 - 100 - 1)
        #expect(partner[100] == -1)
    }

    @Test func repeatedElementsDoNotPullTheAlignmentAway() {
        // Blank lines (0) between unique records: an inserted record with its blank line is the only difference.
        let a = [1, 0, 2, 0, 3, 0, 4]
        let b = [1, 0, 2, 0, 9, 0, 3, 0, 4]
        #expect(SequenceMatch.match(a, b) == [0, 1, 2, 3, 6, 7, 8])
    }
}
