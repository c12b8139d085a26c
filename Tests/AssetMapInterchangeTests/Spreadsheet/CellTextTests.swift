import Foundation
import Testing
@testable import AssetMapInterchange

/// Stored values as a spreadsheet shows them.
@Suite struct CellTextTests {
    @Test func numbersInTheirShortestRoundTripForm() {
        #expect(CellText.number("22.222200000000001") == "22.2222")
        #expect(CellText.number("3") == "3")
        #expect(CellText.number("4.0") == "4")
        #expect(CellText.number("0.1") == "0.1")
        #expect(CellText.number("-1.9829000000000001") == "-1.9829")
        #expect(CellText.number("not a number") == "not a number")
    }

    @Test func serialDatesInBothDateSystems() {
        func day(_ serial: Double, _ date1904: Bool = false) -> String? {
            CellText.date(serial: serial, date1904: date1904, date: true, time: false, seconds: false)
        }
        #expect(day(43586) == "2019-05-01")
        #expect(day(1) == "1900-01-01")
        #expect(day(59) == "1900-02-28")
        #expect(day(60) == "1900-02-29")  // Lotus's day, which Excel keeps
        #expect(day(61) == "1900-03-01")
        #expect(day(42124, true) == "2019-05-01")  // 1462 days fewer in the 1904 system
        #expect(day(0, true) == "1904-01-01")
        #expect(
            CellText.date(serial: 43586.5625, date1904: false, date: true, time: true, seconds: false)
                == "2019-05-01T13:30")
        #expect(CellText.date(serial: 0.75, date1904: false, date: false, time: true, seconds: true) == "18:00:00")
    }

    @Test func numberFormatsSayWhatTheyShow() {
        #expect(NumberShown.of(id: 14, code: nil) == .dateTime(date: true, time: false, seconds: false))
        #expect(NumberShown.of(id: 22, code: nil) == .dateTime(date: true, time: true, seconds: false))
        #expect(NumberShown.of(id: 0, code: nil) == .number)
        #expect(NumberShown.of(id: 10, code: nil) == .percent)
        #expect(NumberShown.of(id: 164, code: "dd/mm/yyyy") == .dateTime(date: true, time: false, seconds: false))
        #expect(
            NumberShown.of(id: 165, code: "[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy")
                == .dateTime(date: true, time: false, seconds: false))
        #expect(NumberShown.of(id: 166, code: "hh:mm:ss") == .dateTime(date: false, time: true, seconds: true))
        #expect(NumberShown.of(id: 167, code: "#,##0.00 \"days\"") == .number)
        #expect(NumberShown.of(id: 168, code: "[Red]0.0%") == .percent)
        #expect(NumberShown.of(id: 169, code: "0.00;[Red]-0.00") == .number)
    }

    @Test func excelEscapesAreDecodedAndWrittenBack() {
        #expect(CellText.unescaped("one_x000D_\ntwo") == "one\r\ntwo")
        #expect(CellText.unescaped("a_x005F_x0041_b") == "a_x0041_b")
        #expect(CellText.unescaped("_xD83D__xDE00_") == "😀")
        #expect(CellText.unescaped("my_x_file") == "my_x_file")
        #expect(CellText.escaped("a_x0041_b") == "a_x005F_x0041_b")
        #expect(CellText.unescaped(CellText.escaped("keep _x00e9_ as typed")) == "keep _x00e9_ as typed")
    }
}
