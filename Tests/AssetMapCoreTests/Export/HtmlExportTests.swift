import Foundation
import Testing
@testable import AssetMapCore

@Suite struct HtmlExportText {
    let map = #"""
        map "T </script><script>alert(1)</script>"
        community a "<img src=x onerror=alert(1)>"
          private-note: only with include-private
          note: a & b
        barrier b "Fear"
          clinical: smi
        improvement i "Help"
        b -> a affects
        i -> b addresses

        """#

    @Test func mapTextNeverAppearsAsMarkup() {
        let graph = MapDocument(text: map).graph
        let page = HtmlExport.page(graph, svg: nil, options: HtmlOptions(date: "2026-11-25", nonce: "abc"))
        #expect(!page.contains("<img"))
        #expect(page.components(separatedBy: "</script>").count == 3)  // the data's and the script's own
        #expect(page.contains("<title>T &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>"))
        #expect(page.contains(#"\u003cimg src=x onerror=alert(1)\u003e"#))
        #expect(page.contains("script-src 'nonce-abc'"))
        #expect(!page.contains("only with include-private"))
        var options = HtmlOptions(date: "2026-11-25")
        options.includePrivate = true
        #expect(HtmlExport.page(graph, svg: nil, options: options).contains("only with include-private"))
    }

    @Test func escapesAndScriptJSON() {
        #expect(HTML.escape(#"<a href="x">'&'</a>"#) == "&lt;a href=&quot;x&quot;&gt;'&amp;'&lt;/a&gt;")
        #expect(HTML.scriptJSON(#"{"a":"</script>\u2028"}"#) == #"{"a":"\u003c/script\u003e\u2028"}"#)
        #expect(HTML.scriptJSON("\u{2028}") == "\\u2028")
    }

    @Test func improvementsInheritTheirBarriersAreasAndCommunities() throws {
        let data = HtmlExport.pageData(MapDocument(text: map).graph, HtmlOptions(date: "2026-11-25"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(data.utf8)) as? [String: Any])
        let nodes = try #require(json["nodes"] as? [[String: Any]])
        let improvement = try #require(nodes.first { $0["id"] as? String == "i" })
        #expect(improvement["areas"] as? [String] == ["smi"])
        #expect(improvement["communities"] as? [String] == ["a"])
    }

    @Test func svgLosesItsCommentsAndFixedSize() {
        let svg =
            "<?xml version=\"1.0\"?>\n<!DOCTYPE svg>\n<!-- Graphviz -->\n<svg width=\"100pt\" height=\"50pt\" viewBox=\"0 0 100 50\">\n<!-- a -->\n<g id=\"n-a\"></g>\n</svg>\n"
        let clean = HtmlExport.inlineSVG(svg, attributes: #"id="drawing""#)
        #expect(clean.hasPrefix("<svg viewBox=\"0 0 100 50\" id=\"drawing\""))
        #expect(!clean.contains("<!--") && !clean.contains("width=") && clean.contains("<g id=\"n-a\"></g>"))
    }
}
