import ArgumentParser
import AssetMapCore
import Foundation

extension CLI {
    static let outputHelp = ArgumentHelp(
        "Write here instead of standard output, as a shell's > would: - is standard output, a device or FIFO is written to, a symlink followed, a file replaced atomically.",
        valueName: "file")

    /// Writes an export to `-o PATH` (nil or `-`: standard output) through `OutputFile.write`, like a
    /// shell's `>` (devices and FIFOs written to, symlinks followed, files replaced atomically), never
    /// over the map it came from.
    static func writeOutput(_ text: String, to output: String?, notOver map: String) throws {
        try writeOutput(Data(text.utf8), to: output, notOver: map)
    }

    /// A listing or report for people: escaped as its kind needs (`Escaping.forOutput`), then written.
    static func writeText(_ text: String, as kind: Escaping.Output, to output: String?, notOver map: String) throws {
        try writeOutput(Data(Escaping.forOutput(text, as: kind).utf8), to: output, notOver: map)
    }

    static func writeOutput(_ data: Data, to output: String?, notOver map: String) throws {
        let output = output ?? "-"
        if OutputFile.isSameFile(output, as: map) {
            throw ValidationError("-o \(output) is the map itself; choose another file")
        }
        do {
            try OutputFile.write(data, to: output)
        } catch let error as MapFileError {
            printError("\(error)")
            throw ExitCode(1)
        }
    }
}
