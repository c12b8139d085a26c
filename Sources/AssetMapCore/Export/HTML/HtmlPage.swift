/// The page's own style and script, written out in every HTML export (no build step, nothing fetched).
/// The script builds everything from the JSON data with textContent and never parses map text as HTML.
enum HtmlPage {
    static let style = #"""
        :root { --text: #1a1a1a; --muted: #4b5257; --line: #b1b4b6; --focus: #ffdd00; --link: #1d4f91; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: var(--text); background: #fff; }
        header, main { padding: 0 1.5rem; }
        h1 { margin: 1rem 0 0; font-size: 1.8rem; }
        h2 { font-size: 1.3rem; margin: 1rem 0 .5rem; }
        h3 { font-size: 1.1rem; margin: 1rem 0 .4rem; }
        .meta, .hint { color: var(--muted); margin: .2rem 0 .6rem; }
        .skip { position: absolute; left: -999px; top: 0; background: var(--focus); color: #000; padding: .5rem; }
        .skip:focus { left: 0; }
        :focus-visible { outline: 3px solid #000; box-shadow: 0 0 0 6px var(--focus); }
        .controls { display: flex; flex-wrap: wrap; gap: .6rem 1rem; align-items: end; padding: .8rem 0; border-bottom: 1px solid var(--line); }
        .controls label { display: block; font-weight: 600; }
        input, select, button { font: inherit; color: var(--text); }
        input, select { border: 2px solid var(--text); padding: .25rem .4rem; background: #fff; min-width: 12rem; }
        button { border: 2px solid var(--text); background: #f3f2f1; padding: .25rem .7rem; cursor: pointer; }
        button:hover { background: #dbdad9; }
        #count { flex-basis: 100%; margin: 0; font-weight: 600; }
        .layout { display: grid; grid-template-columns: minmax(0, 2fr) minmax(16rem, 1fr); gap: 1.5rem; }
        @media (max-width: 60rem) { .layout { grid-template-columns: 1fr; } }
        .svg-box { border: 1px solid var(--line); overflow: auto; max-height: 75vh; background: #fff; }
        .svg-box svg { display: block; width: 100%; height: auto; }
        .zoom { display: flex; gap: .4rem; margin-bottom: .4rem; }
        g.node { cursor: pointer; }
        g.node.dim, g.edge.dim { opacity: .12; }
        g.node.selected > :is(polygon, ellipse, path) { stroke: #000; stroke-width: 5px; stroke-dasharray: 8 3; }
        g.node:focus { outline: none; }
        g.node:focus-visible > :is(polygon, ellipse, path) { stroke: #000; stroke-width: 6px; }
        .legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; }
        .swatch { display: inline-block; width: 1.1em; height: 1.1em; border: 1px solid #000; vertical-align: -.15em; margin-right: .35em; }
        .details { border-left: 4px solid var(--text); padding: 0 1rem; align-self: start; position: sticky; top: 0; max-height: 100vh; overflow: auto; }
        .details dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem .8rem; }
        .details dt { font-weight: 600; }
        .details dd { margin: 0; white-space: pre-line; overflow-wrap: anywhere; }
        .details ul { padding-left: 1.2rem; }
        .actions { display: flex; flex-wrap: wrap; gap: .4rem; }
        button.link { border: 0; background: none; padding: 0; color: var(--link); text-decoration: underline; text-align: left; }
        button.link:hover { text-decoration-thickness: 3px; }
        table { border-collapse: collapse; width: 100%; margin-bottom: 1rem; }
        th, td { border-bottom: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
        th { background: #f3f2f1; }
        tr.selected td { background: #fff7bf; font-weight: 600; }
        .grid-box { overflow-x: auto; }
        table.grid { width: auto; }
        table.grid caption { text-align: left; font-weight: 600; padding: .3rem 0; }
        table.grid td { text-align: center; min-width: 4.5rem; border: 1px solid var(--line); font-weight: 600; }
        table.grid th[scope=row] { background: #fff; font-weight: 400; max-width: 24rem; }
        td.s-barriers { background: #f6c7bd; }
        td.s-improvements { background: #fbe7a1; }
        td.s-resolved { background: #c9e6d0; }
        td.s-nothing { background: #fff; border: 2px dashed #000; }
        td.na { background: #e9e9e9; }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
        @media print {
          .controls, .zoom, .skip, .hint, .details .actions { display: none; }
          .layout { display: block; }
          .svg-box { max-height: none; overflow: visible; border: 0; }
          .details { position: static; max-height: none; border: 0; padding: 0; }
          button.link { color: #000; text-decoration: none; }
          tr[hidden] { display: table-row; }
          section { break-inside: avoid-page; }
        }
        """#

    static let script = #"""
        "use strict";
        (function () {
          var data = JSON.parse(document.getElementById("map-data").textContent);
          var byId = new Map(), kinds = new Map(), links = new Map(), rows = new Map(), shapes = new Map();
          data.kinds.forEach(function (k) { kinds.set(k.name, k); });
          data.nodes.forEach(function (n) {
            byId.set(n.id, n);
            links.set(n.id, []);
            n.haystack = [n.label, n.id].concat(n.attributes.map(function (a) { return a[1]; })).join("\n").toLowerCase();
            shapes.set(n.id, document.getElementById("n-" + n.id));
          });
          data.edges.forEach(function (e) {
            links.get(e.from).push({ edge: e, other: e.to, out: true });
            links.get(e.to).push({ edge: e, other: e.from, out: false });
          });
          var state = { search: "", kind: "", community: "", clinical: "", status: "", focus: null, selected: null };

          // Elements from text only: map content is never parsed as HTML.
          function el(tag, attributes, children) {
            var node = document.createElement(tag);
            Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
            (children || []).forEach(function (child) {
              node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
            });
            return node;
          }
          function kindName(kind) { return kinds.has(kind) ? kinds.get(kind).tag + " " + kind : kind; }
          function nodeButton(n, text) {
            var button = el("button", { type: "button", "class": "link" }, [text || n.label]);
            button.addEventListener("click", function () { select(n.id, true); });
            return button;
          }
          function fill(select, values) {
            values.forEach(function (v) { select.appendChild(el("option", { value: v[0] }, [v[1]])); });
          }

          fill(document.getElementById("f-kind"), data.kinds.map(function (k) { return [k.name, k.plural]; }));
          fill(document.getElementById("f-community"), data.nodes.filter(function (n) { return n.kind === "community"; })
            .map(function (n) { return [n.id, n.label]; }));
          fill(document.getElementById("f-clinical"), data.clinical.map(function (c) { return [c, c]; }));
          fill(document.getElementById("f-status"), data.statuses.map(function (s) { return [s, s]; }));

          var legend = document.getElementById("legend");
          data.kinds.forEach(function (k) {
            var swatch = el("span", { "class": "swatch", "aria-hidden": "true" });
            swatch.style.background = k.fill;
            legend.appendChild(el("li", {}, [swatch, k.tag + " " + k.plural + " (" + k.shape + ")"]));
          });

          // The text alternative: one table per kind, every node a row.
          var tables = document.getElementById("tables");
          data.kinds.forEach(function (k) {
            var members = data.nodes.filter(function (n) { return n.kind === k.name; });
            var body = el("tbody");
            members.forEach(function (n) {
              var row = el("tr", {}, [
                el("td", {}, [nodeButton(n)]), el("td", {}, [n.id]), el("td", {}, [n.status || ""]),
                el("td", {}, [n.areas.join(", ")]), el("td", {}, [String(links.get(n.id).length)])]);
              rows.set(n.id, row);
              body.appendChild(row);
            });
            var headings = ["Name", "Id", "Status", "Clinical areas", "Links"].map(function (h) { return el("th", { scope: "col" }, [h]); });
            tables.appendChild(el("h3", { id: "kind-" + k.name }, [k.tag + " " + k.plural + " (" + members.length + ")"]));
            tables.appendChild(el("table", { "aria-labelledby": "kind-" + k.name }, [el("thead", {}, [el("tr", {}, headings)]), body]));
          });

          // Shapes on the drawing work like buttons, by mouse and by keyboard.
          shapes.forEach(function (shape, id) {
            if (!shape) return;
            var n = byId.get(id);
            shape.setAttribute("tabindex", "0");
            shape.setAttribute("role", "button");
            shape.setAttribute("aria-label", n.label + " (" + n.kind + ")");
            shape.addEventListener("click", function () { select(id, true); });
            shape.addEventListener("keydown", function (event) {
              if (event.key === "Enter" || event.key === " ") { event.preventDefault(); select(id, true); }
            });
          });

          function neighbourhood(id) {
            var ids = new Set([id]);
            links.get(id).forEach(function (l) { ids.add(l.other); });
            return ids;
          }

          function matches(n, focusSet) {
            if (focusSet && !focusSet.has(n.id)) return false;
            if (state.kind && n.kind !== state.kind) return false;
            if (state.community && n.communities.indexOf(state.community) < 0) return false;
            if (state.clinical && n.areas.indexOf(state.clinical) < 0) return false;
            if (state.status && n.status !== state.status) return false;
            return state.search.split(/\s+/).every(function (term) { return n.haystack.indexOf(term) >= 0; });
          }

          function apply() {
            var focusSet = state.focus ? neighbourhood(state.focus) : null, shown = new Set();
            data.nodes.forEach(function (n) {
              var ok = matches(n, focusSet);
              if (ok) shown.add(n.id);
              rows.get(n.id).hidden = !ok;
              var shape = shapes.get(n.id);
              if (shape) shape.classList.toggle("dim", !ok);
            });
            data.edges.forEach(function (e) {
              var line = document.getElementById("e-" + e.index);
              if (line) line.classList.toggle("dim", !(shown.has(e.from) && shown.has(e.to)));
            });
            var text = "Showing " + shown.size + " of " + data.nodes.length + " nodes";
            if (state.focus) text += ", around " + byId.get(state.focus).label;
            document.getElementById("count").textContent = text + ".";
          }

          function select(id, moveFocus) {
            var n = byId.get(id);
            if (state.selected) {
              if (shapes.get(state.selected)) shapes.get(state.selected).classList.remove("selected");
              rows.get(state.selected).classList.remove("selected");
            }
            state.selected = id;
            if (shapes.get(id)) shapes.get(id).classList.add("selected");
            rows.get(id).classList.add("selected");
            var details = document.getElementById("details");
            details.textContent = "";
            details.appendChild(el("h2", { id: "details-title" }, [n.label]));
            var facts = el("dl", {}, [el("dt", {}, ["Kind"]), el("dd", {}, [kindName(n.kind)]), el("dt", {}, ["Id"]), el("dd", {}, [n.id])]);
            n.attributes.forEach(function (a) { facts.appendChild(el("dt", {}, [a[0]])); facts.appendChild(el("dd", {}, [a[1]])); });
            details.appendChild(facts);
            var focusButton = el("button", { type: "button" }, [state.focus === id ? "Show the whole map" : "Focus on its neighbourhood"]);
            focusButton.addEventListener("click", function () {
              state.focus = state.focus === id ? null : id;
              apply();
              select(id, false);
            });
            var showButton = el("button", { type: "button" }, ["Show on the drawing"]);
            showButton.addEventListener("click", function () {
              var shape = shapes.get(id);
              if (shape) { shape.scrollIntoView({ block: "center", inline: "center" }); shape.focus(); }
            });
            details.appendChild(el("div", { "class": "actions" }, [focusButton, showButton]));
            var own = links.get(id);
            details.appendChild(el("h3", {}, ["Neighbours (" + own.length + ")"]));
            var list = el("ul");
            own.forEach(function (l) {
              var other = byId.get(l.other);
              var text = l.out ? l.edge.relation + " → " + other.label : "← " + l.edge.relation + " " + other.label;
              list.appendChild(el("li", {}, [nodeButton(other, text), " (" + other.kind + ")"]));
            });
            details.appendChild(list);
            if (moveFocus) details.focus();
          }

          function bind(id, key) {
            var control = document.getElementById(id);
            control.addEventListener("input", function () { state[key] = control.value.trim().toLowerCase(); apply(); });
          }
          bind("search", "search");
          ["kind", "community", "clinical", "status"].forEach(function (key) {
            var control = document.getElementById("f-" + key);
            control.addEventListener("change", function () { state[key] = control.value; apply(); });
          });
          document.getElementById("clear").addEventListener("click", function () {
            ["search", "f-kind", "f-community", "f-clinical", "f-status"].forEach(function (id) { document.getElementById(id).value = ""; });
            state.search = state.kind = state.community = state.clinical = state.status = "";
            state.focus = null;
            apply();
          });

          var svg = document.getElementById("drawing"), scale = 1;
          function zoom(factor) {
            if (!svg) return;
            scale = factor ? Math.min(8, Math.max(1, scale * factor)) : 1;
            svg.style.width = (scale * 100) + "%";
          }
          document.getElementById("zoom-in").addEventListener("click", function () { zoom(1.5); });
          document.getElementById("zoom-out").addEventListener("click", function () { zoom(1 / 1.5); });
          document.getElementById("zoom-fit").addEventListener("click", function () { zoom(0); });
          apply();
        })();
        """#
}
