import Foundation
import Testing
@testable import AssetMapUI
@testable import AssetMapCore
import AssetMapTestSupport

/// `E` hands the map's path to the editor: a name like an option (`-c!cmd`) reaches it as a file.
@Suite struct EditorArguments {
    @Test func aPathLikeAnOptionIsPassedAsAFile() throws {
        let folder = try TemporaryFolder()
        let record = folder.url.appendingPathComponent("args").path
        let editor = folder.url.appendingPathComponent("editor").path
        try Data("#!/bin/sh\nprintf '%s\\n' \"$@\" > \"\(record)\"\n".utf8).write(to: URL(fileURLWithPath: editor))
        chmod(editor, 0o755)
        let command = AssetMapApp.editorCommand(variables: ["EDITOR": editor], path: "-c!touch pwned", line: 3)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command.arguments[0])
        process.arguments = Array(command.arguments.dropFirst())
        process.currentDirectoryURL = folder.url
        try process.run()
        process.waitUntilExit()
        #expect(try String(contentsOfFile: record, encoding: .utf8) == "+3\n./-c!touch pwned\n")
        // A path that is already safe is passed as it is.
        #expect(
            AssetMapApp.editorCommand(variables: ["EDITOR": "vi"], path: "/maps/-x.map", line: 1).arguments.last
                == "/maps/-x.map")
    }
}
