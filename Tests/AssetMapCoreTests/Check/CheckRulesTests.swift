import Testing
import Foundation
@testable import AssetMapCore

@Suite struct ClinicalListCheck {
    /// The quick test for a list of known words accepts exactly what the word-by-word check accepts.
    @Test func listItemsAreTrimmedAndComparedWhole() {
        let accepted = ["smi", "smi,cancer", " smi , cancer ", "smi,,cancer", ",", "", "smi\t,\tcancer", "smi,"]
        let refused = ["smi cancer", "SMI", "smi, canser", "smí", "smi, 癌"]
        func warns(_ value: String) -> Bool {
            let text =
                "barrier b \"B\"\n  clinical: \(value)\n  + asthma\ncommunity c \"C\"\nimprovement i \"I\"\nb -> c affects\ni -> b addresses\n"
            return MapDocument(text: text).check().contains { $0.message.contains("clinical") }
        }
        for value in accepted { #expect(!warns(value), "\(value)") }
        for value in refused { #expect(warns(value), "\(value)") }
    }
}

@Suite struct DuplicateEdgeCheck {
    /// Duplicate edges as the plain definition finds them: the same from, to and relation as an earlier edge.
    @Test func duplicatesMatchThePlainDefinition() {
        var duplicates = 0
        for seed in 0..<200 {
            let document = MapDocument(text: LoadInParts.randomMap(UInt64(seed), lines: 10 + seed % 90))
            var first: [String: Int] = [:]
            var expected: [String] = []
            for edge in document.graph.edges {
                let key = "\(edge.from) \(edge.to) \(edge.relation)"
                if let line = first[key] {
                    expected.append(
                        "\(edge.line + 1): duplicate edge \(edge.from) -> \(edge.to) \(Syntax.relationToken(edge.relation)) (first on line \(line + 1))"
                    )
                } else {
                    first[key] = edge.line
                }
            }
            let found = document.check().filter { $0.message.hasPrefix("duplicate edge") }.map {
                "\($0.line): \($0.message)"
            }
            #expect(found == expected, "seed \(seed)")
            duplicates += expected.count
        }
        #expect(duplicates > 50)  // the maps really had some
    }
}
