import ArgumentParser
import AssetMapCore
import Foundation

extension CLI {
    /// Writes an export to `-o PATH` (atomically, never over the map it came from) or to standard output.
    static func writeOutput(_ text: String, to output: String?, notOver map: String) throws {
        try writeOutput(Data(text.utf8), to: output, notOver: map)
    }

    static func writeOutput(_ data: Data, to output: String?, notOver map: String) throws {
        guard let output, output != "-" else {
            FileHandle.standardOutput.write(data)
            return
        }
        let target = URL(fileURLWithPath: output).standardizedFileURL.resolvingSymlinksInPath()
        guard target != URL(fileURLWithPath: map).standardizedFileURL.resolvingSymlinksInPath() else {
            throw ValidationError("-o \(output) is the map itself; choose another file")
        }
        do {
            try MapFile.write(data, to: output)
        } catch {
            printError("\(error)")
            throw ExitCode(1)
        }
    }
}
