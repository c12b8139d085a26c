import Foundation

// The libFuzzer entry point for the readers of other tools' files (script/fuzz interchange): Core and
// Interchange compiled as one module with CSV.swift, ZIPFoundation and XMLCoder. The first byte picks
// the reader (CSV, .xlsx, Open Referral JSON), unless ASSETMAP_FUZZ_READER names one; any input must
// give tables or a positioned InputError, never a crash, a hang (-timeout) or memory past -rss_limit_mb.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start, count > 0 else { return 0 }
    let data = Data(UnsafeBufferPointer(start: start + 1, count: count - 1))
    switch InterchangeFuzz.only ?? Int(start[0] % 3) {
    case 0: InterchangeFuzz.csv(data)
    case 1: InterchangeFuzz.workbook(data)
    default: InterchangeFuzz.json(data)
    }
    return 0
}

enum InterchangeFuzz {
    /// `ASSETMAP_FUZZ_READER=csv|xlsx|json` gives every input to that reader (a long run of one reader).
    static let only: Int? = ProcessInfo.processInfo.environment["ASSETMAP_FUZZ_READER"].flatMap {
        ["csv": 0, "xlsx": 1, "json": 2][$0]
    }

    static func csv(_ data: Data) {
        do {
            let table = try CSVTable.read(data, name: "f.csv")
            // Written out and read back, a table is the same table (cells as Excel reads them back).
            let again = try CSVTable.read(try CSVTable.write(table.rows), name: "again.csv")
            require(again.rows.count <= table.rows.count, "a written table reads back with more rows")
        } catch let error as InputError {
            positioned(error)
        } catch {
            fail("CSV: not an InputError: \(error)")
        }
    }

    static func workbook(_ data: Data) {
        do {
            for table in try Workbook.read(data, name: "f.xlsx") {
                require(table.rows.count <= InputLimits.rows, "more rows than a sheet has")
                require(table.rows.allSatisfy { $0.count <= InputLimits.columns }, "more columns than a sheet has")
            }
        } catch let error as InputError {
            positioned(error)
        } catch {
            fail("xlsx: not an InputError: \(error)")
        }
    }

    /// An Open Referral page, as a saved API response is read.
    static func json(_ data: Data) {
        do {
            _ = try OpenReferral.importSet(pages: [(name: "page.json", data: data)], source: "fuzz")
        } catch let errors as InputErrors {
            for error in errors.errors { positioned(error) }
        } catch let error as InputError {
            positioned(error)
        } catch {
            fail("JSON: not an InputError: \(error)")
        }
    }

    static func positioned(_ error: InputError) {
        require(error.row >= 1 && error.column >= 1 && !error.message.isEmpty, "error without a place: \(error)")
    }

    static func require(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { fail(message()) }
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("interchange fuzz: \(message)\n".utf8))
        abort()
    }
}
