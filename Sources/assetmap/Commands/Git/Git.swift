import ArgumentParser
import AssetMapCore
import Foundation

/// Runs git and collects what it printed.
enum Git {
    struct Output {
        var status: Int32
        var stdout: Data
        var stderr: String
        var text: String { String(decoding: stdout, as: UTF8.self) }
    }

    static func run(_ arguments: [String], in directory: String? = nil, input: Data? = nil) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe(), inPipe = Pipe()
        // Errors into a file, not a pipe: only one pipe is read, so neither can fill up and block git.
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent(
            "assetmap-git-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        process.standardOutput = out
        process.standardError = try FileHandle(forWritingTo: errorFile)
        process.standardInput = input == nil ? FileHandle.nullDevice : inPipe
        do { try process.run() } catch {
            throw ValidationError("cannot run git (\(error)); install it, e.g. apt-get install git")
        }
        if let input {
            // Written on another thread so a full output pipe cannot block the writer.
            let writer = inPipe.fileHandleForWriting
            Thread.detachNewThread {
                writer.write(input); try? writer.close()
            }
        }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errors = (try? Data(contentsOf: errorFile)) ?? Data()
        return Output(
            status: process.terminationStatus, stdout: output, stderr: String(decoding: errors, as: UTF8.self))
    }
}
