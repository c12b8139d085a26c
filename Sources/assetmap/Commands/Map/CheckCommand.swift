import Foundation
import ArgumentParser
import AssetMapCore

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Report every problem in map files as FILE:LINE:COL: error|warning: message.",
        discussion: """
            Errors: syntax, duplicate id, edge to an unknown id, duplicate edge, unresolved merge conflict, \
            a control character (C0 but tab, DEL, C1; printed escaped as \\x1b, never raw).
            Warnings: unknown vocabulary (status, clinical, dimension, core20, plus), a barrier that \
            affects no community, a barrier no improvement addresses, a node with no edges.
            Exit status: 0 clean or warnings only, 1 errors, 2 usage.
            """)

    @Argument(help: "The map files to check.")
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one map file") }
    }

    func run() throws {
        var hasErrors = false
        // The last map stays loaded until the process exits: freeing a large map's million strings and arrays
        // first would take a tenth of the command's time for nothing.
        var last: MapDocument?
        CLI.exitWhenAMappedFileShrinks()
        for file in files {
            let diagnostics: [Diagnostic]
            last = nil
            switch CLI.load(file, mapped: true) {
            case .failure(let failure): diagnostics = [failure.diagnostic]
            case .success(let doc): diagnostics = doc.check(); last = doc
            }
            diagnostics.writeFormatted(file: file) { try? FileHandle.standardOutput.write(contentsOf: Data($0)) }
            hasErrors = hasErrors || diagnostics.hasErrors
        }
        withExtendedLifetime(last) { Foundation.exit(hasErrors ? 1 : 0) }
    }
}
