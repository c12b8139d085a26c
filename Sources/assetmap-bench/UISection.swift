import Foundation
import AssetMapCore

/// The headless UI: start to first frame, and per-keystroke times. Waits for `AssetMapApp`.
enum UISection {
    static func run(_ files: BenchFiles, runs: Int, report: inout Report) throws {
        if !report.pending.contains(where: { $0.hasPrefix("UI") }) {
            report.pending.append("UI: AssetMapApp (Sources/AssetMapUI) is not written yet")
        }
    }

    static func memoryWorkload(_ document: MapDocument) {}
}
