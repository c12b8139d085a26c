import Testing
@testable import AssetMapCore

/// The review map after one session on 25 November 2026, made with the same edits the UI and CLI use.
func sessionMap() throws -> MapDocument {
    var doc = MapDocument(text: reviewMap)
    let day = "2026-11-25"
    doc.perform(try doc.setBarrierStatus("interpreter", to: "agreed", date: day))
    doc.perform(try doc.setOwner("interpreter", to: "Trust interpreting service", date: day))
    doc.perform(try doc.setDue("interpreter", to: "21/12/2026", date: day))
    doc.perform(try doc.addReviewNote("interpreter", date: day, text: "Pilot on the maternity line first"))
    doc.perform(try doc.proposeImprovement(for: "hotels", id: "keep-gp", label: "Keep the GP when moved", date: day))
    return doc
}

@Suite struct SessionMinutesTests {
    @Test func minutesHoldExactlyTheSessionAndTheOpenActions() throws {
        let report = ReviewReport.minutes(try sessionMap().graph, since: "2026-11-25", today: "2026-11-25")
        #expect(
            report.markdown == """
                # Minutes: Test borough

                - Area: Testham
                - Date: 25 November 2026

                ## Barriers discussed

                - **No interpreter by phone**: now agreed, 3 votes
                  - Affects: Roma, Gypsy and Traveller communities
                - **Moved between hotels**: now open, 5 votes
                  - Affects: Refugees and people seeking asylum

                ## Decisions

                - **No interpreter by phone**: open → agreed

                ## Actions agreed

                | Barrier | Owner | Due |
                |---|---|---|
                | No interpreter by phone | Trust interpreting service | 21 December 2026 |

                ## Notes

                - **No interpreter by phone**: Pilot on the maternity line first

                ## Improvements proposed

                - **Keep the GP when moved**: for Moved between hotels

                ## Open actions carried over

                | Barrier | Owner | Due |
                |---|---|---|
                | Asked for proof of address | Primary care team | 15 November 2026 **overdue** |
                | Bus fares | Trust | 31 January 2027 |

                """)
    }

    @Test func severalDaysAreDatedAndEarlierOnesLeftOut() throws {
        var doc = try sessionMap()
        doc.perform(try doc.setBarrierStatus("interpreter", to: "in-progress", date: "2026-12-02"))
        let report = ReviewReport.minutes(doc.graph, since: "2026-11-25", today: "2026-12-02")
        #expect(report.facts.last?.value == "25 November 2026 (to 2 December 2026)")
        #expect(
            report.sections.first { $0.title == "Decisions" }?.blocks == [
                .items([
                    .init(lead: "No interpreter by phone", "open → agreed (25 November 2026)"),
                    .init(lead: "No interpreter by phone", "agreed → in-progress (2 December 2026)"),
                ])
            ])
        let later = ReviewReport.minutes(doc.graph, since: "2026-11-26", today: "2026-12-02")
        #expect(later.sections.map(\.title) == ["Barriers discussed", "Decisions", "Open actions carried over"])
    }

    @Test func nothingSinceSaysSoAndResolvedActionsAreNotCarriedOver() {
        let resolved = reviewMap.replacingOccurrences(of: "status: agreed", with: "status: resolved")
            .replacingOccurrences(of: "  owner: Trust\n  due: 2027-01-31\n", with: "")
        let report = ReviewReport.minutes(MapDocument(text: resolved).graph, since: "2026-11-25", today: "2026-11-25")
        #expect(report.sections == [])
        #expect(report.text.hasSuffix("\nNothing was recorded since 25 November 2026, and no action is open.\n"))
    }
}

@Suite struct StatusReportTests {
    let report = ReviewReport.status(
        MapDocument(text: reviewMap.replacingOccurrences(of: "status: discussed", with: "status: parked")).graph,
        today: "2026-11-22")

    func section(_ title: String) -> [ReportDocument.Block]? { report.sections.first { $0.title == title }?.blocks }

    @Test func eachSectionOnceAndNoQuickWinsTwice() {
        #expect(
            report.sections.map(\.title) == [
                "Barriers by status", "Priorities", "Actions", "Notes",
                "Barriers no improvement addresses", "Resolved and parked",
            ])
        #expect(report.markdown.components(separatedBy: "Quick wins").count == 2)
    }

    @Test func resolvedAndParkedAreNotUnderActionsOrPriorities() throws {
        let actions = try #require(
            section("Actions")?.first.flatMap { if case .table(let table) = $0 { table } else { nil } },
            "no actions table")
        #expect(actions.rows.map { $0[0].text } == ["Asked for proof of address"])
        #expect(actions.rows[0][2] == ReportDocument.Cell("15 November 2026", flag: "overdue"))
        #expect(!report.markdown.contains("Bus fares**: parked, 7 votes"))
        #expect(section("Resolved and parked") == [.items([.init(lead: "Bus fares", "parked")])])
    }

    @Test func idsOnlyWhereTwoBarriersShareALabel() {
        #expect(!report.markdown.contains("(proof)"))
        let twins = MapDocument(
            text: reviewMap.replacingOccurrences(of: "\"Bus fares\"", with: "\"Moved between hotels\""))
        let markdown = ReviewReport.status(twins.graph, today: "2026-11-22").markdown
        #expect(markdown.contains("**Moved between hotels (hotels)**"))
        #expect(markdown.contains("**Moved between hotels (fares)**"))
    }

    @Test func privateAttributesNeverAppear() {
        for format in ReportDocument.Format.allCases {
            #expect(!report.rendered(as: format).contains("SECRET"))
        }
    }
}

@Suite struct ReportRenderTests {
    let tricky = ReviewReport.status(
        MapDocument(
            text: reviewMap.replacingOccurrences(
                of: "\"Bus fares\"", with: "\"Bus *fares* [£] <b> & \\\"x\\\" #1 _x_ \\\\ |\"")
        ).graph, today: "2026-11-22")

    @Test func markdownShowsLabelsLiterally() {
        #expect(
            tricky.markdown.contains(
                "- **Bus \\*fares\\* \\[£\\] \\<b\\> & \"x\" \\#1 \\_x\\_ \\\\ \\|**: discussed, 7 votes"))
    }

    @Test func textHasNoMarkupForEmail() throws {
        let text = ReviewReport.minutes(try sessionMap().graph, since: "2026-11-25", today: "2026-11-25").text
        #expect(!text.contains("**") && !text.contains("|") && !text.contains("<") && !text.contains("#"))
        let lines = text.components(separatedBy: "\n")
        #expect(
            Array(lines.prefix(6)) == [
                "Minutes: Test borough", "=====================", "", "Area: Testham", "Date: 25 November 2026", "",
            ])
        #expect(lines.contains("- Asked for proof of address: owner Primary care team, due 15 November 2026 (OVERDUE)"))
        #expect(lines.contains("DECISIONS"))
        #expect(lines.contains("- No interpreter by phone: open → agreed"))
    }

    @Test func htmlIsStyledStructuredAndEscaped() {
        let html = tricky.html
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"))
        #expect(html.contains("<style>") && html.contains("@page { size: A4;") && html.contains("@media print"))
        #expect(html.contains("<h1>Barrier review: Test borough</h1>"))
        #expect(html.contains("<th scope=\"col\">Owner</th>"))
        #expect(
            html.contains(
                "<th scope=\"row\">Asked for proof of address</th><td>Primary care team</td><td>15 November 2026 <strong class=\"flag\">overdue</strong></td>"
            ))
        #expect(
            html.contains(
                "<li><strong>Bus *fares* [£] &lt;b&gt; &amp; &quot;x&quot; #1 _x_ \\ |</strong>: discussed, 7 votes"))
        for tag in ["ul", "li", "strong", "h2", "h3", "table", "tr", "section"] {
            #expect(
                html.components(separatedBy: "<\(tag)>").count + html.components(separatedBy: "<\(tag) ").count - 1
                    == html.components(separatedBy: "</\(tag)>").count, "unbalanced <\(tag)>")
        }
        #expect(!html.contains("SECRET"))
    }

    @Test func displayDates() {
        #expect(ReviewDate.display("2026-02-01") == "1 February 2026")
        #expect(ReviewDate.display("soon") == "soon")
    }
}
