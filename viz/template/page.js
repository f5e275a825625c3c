/* linkchart page: draws the graph embedded as JSON in #lc-data with vis-network.
 * All article text is untrusted: it only ever reaches the page through textContent. */
(function () {
  "use strict";

  var TIMINGS = { start: performance.now() };  // ms since navigation, for bench/html_browser.py
  var DATA = expand(JSON.parse(document.getElementById("lc-data").textContent));
  TIMINGS.data = performance.now();

  /** The page's data with every text stored once (viz/render.py compact_payload), expanded
   *  to nodes and edges that name their ends, documents and evidence; texts are shared. */
  function expand(raw) {
    if (raw.format !== 2) { return raw; }
    var texts = raw.texts || [];
    var docs = raw.docs || [];
    var documents = raw.documents || {};
    function text(i) { return i >= 0 ? texts[i] : undefined; }
    var nodes = (raw.nodes || []).map(function (n) {
      if (Array.isArray(n.documents)) { n.documents = n.documents.map(function (d) { return docs[d]; }); }
      return n;
    });
    var edges = (raw.edges || []).map(function (row, i) {
      var extras = row[8] || {};
      var e = { id: "e" + i, from: nodes[row[0]].id, to: nodes[row[1]].id, layer: text(row[2]),
        weight: row[3], corroboration: row[4],
        outlets: row[5].map(function (o) { return texts[o]; }),
        documents: row[6].map(function (d) { return docs[d]; }) };
      e.key = Object.prototype.hasOwnProperty.call(extras, "key") ? extras.key : e.layer;
      e.evidence = row[7].map(function (piece) {
        if (typeof piece === "number") { return texts[piece]; }
        var doc = docs[piece[0]];
        var meta = Object.prototype.hasOwnProperty.call(documents, doc) ? documents[doc] : {};
        var own = piece[3] || {};
        return { document: doc, sentence: text(piece[1]), quote: text(piece[2]),
          title: own.title !== undefined ? own.title : meta && meta.title,
          outlet: own.outlet !== undefined ? own.outlet : meta && meta.outlet };
      });
      ["verb", "stance", "verbs", "stances", "evidence_more_documents", "ring"].forEach(function (k) {
        if (Object.prototype.hasOwnProperty.call(extras, k)) { e[k] = extras[k]; }
      });
      return e;
    });
    raw.nodes = nodes;
    raw.edges = edges;
    delete raw.texts;
    return raw;
  }

  var TYPE_STYLE = {
    person: { color: "#4e79a7", shape: "dot", name: "Person" },
    agency: { color: "#59a14f", shape: "diamond", name: "Agency" },
    outlet: { color: "#d4a017", shape: "square", name: "Outlet" },
    organization: { color: "#f28e2b", shape: "triangle", name: "Organization" },
    platform: { color: "#b07aa1", shape: "hexagon", name: "Platform" },
    place: { color: "#9c755f", shape: "triangleDown", name: "Place" },
    group: { color: "#17a2b8", shape: "star", name: "Group" }
  };
  var OTHER_TYPE = { color: "#8a8f98", shape: "dot", name: "Other" };
  var COMMUNITY_COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
    "#e377c2", "#17becf", "#bcbd22", "#393b79", "#aec7e8", "#ffbb78", "#98df8a", "#ff9896",
    "#c5b0d5", "#c49c94", "#f7b6d2", "#9edae5", "#dbdb8d", "#637939"];
  var NO_COMMUNITY = "#c7cbd1";  // isolated entities, and communities past the palette
  var COMMUNITIES_LISTED = 30;
  var COMMUNITY_TOP = 3;         // entities named beside each community in the list
  function communityColour(k) {
    return typeof k === "number" && k >= 0 && k < COMMUNITY_COLOURS.length ? COMMUNITY_COLOURS[k]
      : NO_COMMUNITY;
  }
  var TYPE_ORDER = ["person", "agency", "outlet", "organization", "platform", "place", "group"];

  var STANCE_GROUPS = [
    { name: "denies / disputes", stances: ["denies", "disputes"], color: "#d62728", dashes: true },
    { name: "alleges / accuses", stances: ["alleges", "accuses"], color: "#e8600b", dashes: false },
    { name: "states / reports / confirms", stances: ["states", "reports", "confirms"],
      color: "#1f77b4", dashes: false },
    { name: "assesses / warns", stances: ["assesses", "warns"], color: "#7b4fa0", dashes: false }
  ];
  var OTHER_STANCE = { name: "other", color: "#4d4d4d", dashes: false };
  var CO_MENTION = "co-mention";
  var ASSERTION = "assertion";
  var LAYER_NAMES = { "co-mention": "Named together (co-mention)",
    "assertion": "Says something about (assertion)",
    "paragraph": "Same paragraph (weaker)", "document": "Same article (weakest)" };
  // the wider co-mention windows: drawn thin and dashed, below the sentence links
  var WINDOWS = { "paragraph": { width: 0.8, dashes: [6, 4] }, "document": { width: 0.5, dashes: [2, 5] } };
  var CO_MENTION_COLOR = "#9aa0a8";
  var CO_MENTION_STRONG = "#4b5058";  // a co-mention edge while selected or hovered
  var HIGHLIGHT = "#ff9f00";
  var VEIL = "rgba(255,255,255,0.78)";  // over everything outside the focus
  var FOCUS_LABEL_PX = 12;     // labels of a focus's neighbours hidden by the zoom
  var FOCUS_LABELS = 60;       // of them, named above the veil (a hub has thousands)
  var EDGE_LABEL_LIMIT = 60;   // show assertion verbs on every edge only in small charts
  var TOOLTIP_EVIDENCE = 3;    // evidence items in a hover card; the side panel shows all
  var TOOLTIP_TEXT = 320;      // characters of one evidence sentence in a hover card
  var SEARCH_RESULTS = 12;
  var LINKS_LISTED = 100;      // links listed at once in an entity's panel (strongest first)
  var MAX_FIT_ZOOM = 1.25;     // "fit" never blows a tiny chart up to giant nodes

  var nodeById = new Map();
  var edgeById = new Map();
  var incident = new Map();  // node id -> [edge id]
  DATA.nodes.forEach(function (n) { nodeById.set(n.id, n); incident.set(n.id, []); });
  DATA.edges.forEach(function (e) {
    edgeById.set(e.id, e);
    incident.get(e.from).push(e.id);
    if (e.to !== e.from) { incident.get(e.to).push(e.id); }
  });
  var pageLinks = new Map();  // entity -> its links drawn in the page (not the hidden ring's)
  DATA.edges.forEach(function (e) {
    if (e.ring) { return; }
    pageLinks.set(e.from, (pageLinks.get(e.from) || 0) + 1);
    pageLinks.set(e.to, (pageLinks.get(e.to) || 0) + 1);
  });
  var ringAnchor = new Map();  // a carried entity shown by a double-click -> the entity clicked
  var highlightNodes = new Set(DATA.highlight.nodes);
  var highlightEdges = new Set(DATA.highlight.edges);

  var presentTypes = orderedPresent(DATA.nodes.map(function (n) { return n.type; }), TYPE_ORDER);
  var presentLayers = orderedPresent(DATA.edges.map(function (e) { return e.layer; }),
    [CO_MENTION, ASSERTION, "paragraph", "document"]);

  var state = {
    types: new Set(presentTypes),
    layers: new Set(presentLayers),
    source: "",
    focus: null,        // {kind: "node"|"edge", id}
    visibleNodes: new Set(),
    visibleEdges: new Set(),
    colourBy: "type",   // or "community"
    minWeight: 0,       // the in-page link-weight slider
    hideIsolated: false,
    keepNodes: new Set(),  // the focus and its neighbourhood, drawn above the veil
    keepEdges: new Set(),
    focusNamed: new Set()
  };

  // ---------- small helpers ----------
  function orderedPresent(values, order) {
    var seen = new Set(values);
    var out = order.filter(function (v) { return seen.has(v); });
    Array.from(seen).sort().forEach(function (v) { if (out.indexOf(v) < 0) { out.push(v); } });
    return out;
  }
  function own(table, key) { return Object.prototype.hasOwnProperty.call(table, key); }
  function typeStyle(type) { return own(TYPE_STYLE, type) ? TYPE_STYLE[type] : OTHER_TYPE; }
  function stanceStyle(stance) {
    for (var i = 0; i < STANCE_GROUPS.length; i++) {
      if (STANCE_GROUPS[i].stances.indexOf(stance) >= 0) { return STANCE_GROUPS[i]; }
    }
    return OTHER_STANCE;
  }
  function typeName(type) { return own(TYPE_STYLE, type) ? TYPE_STYLE[type].name : str(type); }
  function plural(n, word, many) { return n + " " + (n === 1 ? word : many || word + "s"); }
  function str(v) { return v === null || v === undefined ? "" : String(v); }
  function list(v) { return Array.isArray(v) ? v : []; }
  function clip(text, max) {
    text = str(text);
    return text.length > max ? text.slice(0, max - 1) + "\u2026" : text;
  }
  function label(id) { var n = nodeById.get(id); return n ? str(n.label) : str(id); }

  /** Make an element whose only content is plain text (never parsed as HTML). */
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function append(parent) {
    for (var i = 1; i < arguments.length; i++) {
      if (arguments[i]) { parent.appendChild(arguments[i]); }
    }
    return parent;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  var SVG_NS = "http://www.w3.org/2000/svg";
  function swatch(shape, color, dashed, isLine) {
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("width", isLine ? "30" : "16");
    svg.setAttribute("height", "16");
    svg.setAttribute("aria-hidden", "true");
    var s;
    if (isLine) {
      s = document.createElementNS(SVG_NS, "line");
      s.setAttribute("x1", "1"); s.setAttribute("y1", "8");
      s.setAttribute("x2", "29"); s.setAttribute("y2", "8");
      s.setAttribute("stroke", color); s.setAttribute("stroke-width", "2.5");
      if (dashed) { s.setAttribute("stroke-dasharray", "5 3"); }
    } else if (shape === "dot") {
      s = document.createElementNS(SVG_NS, "circle");
      s.setAttribute("cx", "8"); s.setAttribute("cy", "8"); s.setAttribute("r", "6.5");
    } else if (shape === "square") {
      s = document.createElementNS(SVG_NS, "rect");
      s.setAttribute("x", "2"); s.setAttribute("y", "2");
      s.setAttribute("width", "12"); s.setAttribute("height", "12");
    } else {
      var points = {
        diamond: "8,1 15,8 8,15 1,8",
        triangle: "8,1.5 15,14.5 1,14.5",
        triangleDown: "1,1.5 15,1.5 8,14.5",
        hexagon: "4.5,2 11.5,2 15,8 11.5,14 4.5,14 1,8",
        star: "8,1 10,6 15.5,6.2 11.2,9.6 12.7,15 8,11.9 3.3,15 4.8,9.6 0.5,6.2 6,6"
      }[shape] || "8,1 15,8 8,15 1,8";
      s = document.createElementNS(SVG_NS, "polygon");
      s.setAttribute("points", points);
    }
    if (!isLine) { s.setAttribute("fill", color); s.setAttribute("stroke", "#333");
      s.setAttribute("stroke-width", "0.6"); }
    svg.appendChild(s);
    return svg;
  }

  function docInfo(docId) {
    var d = own(DATA.documents, docId) ? DATA.documents[docId] : null;
    return d && typeof d === "object" ? d : { title: docId };
  }
  /** "Title — Outlet, date" as plain text. */
  function citation(title, outlet, date) {
    var parts = [str(title) || "Untitled"];
    var tail = [str(outlet), str(date)].filter(Boolean).join(", ");
    return tail ? parts[0] + " \u2014 " + tail : parts[0];
  }
  /** A link to an article, only for http(s) URLs; anything else stays text. */
  function sourceLink(url) {
    var text = str(url);
    if (!text) { return null; }
    var parsed = null;
    try { parsed = new URL(text); } catch (err) { parsed = null; }
    if (parsed && (parsed.protocol === "https:" || parsed.protocol === "http:")) {
      var a = el("a", "lc-cite", text);
      a.href = parsed.href;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      return a;
    }
    return el("span", "lc-cite", text);
  }

  /** Documents backing the link whose evidence the page does not hold (cut to keep it small). */
  function moreDocuments(e) {
    return typeof e.evidence_more_documents === "number" ? e.evidence_more_documents : 0;
  }
  function corroborationText(e) {
    var docs = typeof e.corroboration === "number" ? e.corroboration : list(e.documents).length;
    var outlets = list(e.outlets).length;
    return "Backed by " + plural(docs, "document") + " from " + plural(outlets, "outlet");
  }
  function edgeHeading(e) {
    return e.layer === ASSERTION ? label(e.from) + " \u2192 " + label(e.to)
      : label(e.from) + " \u2014 " + label(e.to);
  }
  function edgeSummary(e) {
    if (e.layer === ASSERTION) {
      var verbs = list(e.verbs).length ? list(e.verbs).join(", ") : str(e.verb);
      return "Assertion \u00b7 " + (str(e.stance) || "unknown stance") +
        (verbs ? " (" + verbs + ")" : "") + " \u00b7 " + plural(e.weight || 0, "statement");
    }
    if (e.layer === CO_MENTION) {
      return "Named together in " + plural(e.weight || 0, "sentence");
    }
    if (own(WINDOWS, e.layer)) {
      return e.layer === "paragraph" ? "Named in the same paragraph (not the same sentence)"
        : "Named in the same article (not the same paragraph)";
    }
    return str(e.layer) + " \u00b7 weight " + str(e.weight);
  }
  /** A quote in quotation marks, once: a quote that already opens with one keeps its own. */
  function quoted(text) {
    return /^[\u201c"\u2018'\u00ab]/.test(text) ? text : "\u201c" + text + "\u201d";
  }
  function evidenceItem(ev, maxText) {
    var li = el("li");
    if (ev && typeof ev === "object") {
      if (ev.quote) {
        append(li, el("span", "lc-quote", quoted(maxText ? clip(ev.quote, maxText) : str(ev.quote))));
      }
      if (ev.sentence) {
        append(li, el("span", "lc-sentence", maxText ? clip(ev.sentence, maxText) : ev.sentence));
      }
      var doc = docInfo(ev.document);
      append(li, el("span", "lc-cite",
        citation(ev.title || doc.title, ev.outlet || doc.outlet, doc.date)));
      if (!maxText) { append(li, sourceLink(doc.url)); }
    } else {
      append(li, el("span", "lc-sentence", ev));
    }
    return li;
  }

  // ---------- vis items ----------
  function nodeItem(n) {
    var ts = typeStyle(n.type);
    var hi = highlightNodes.has(n.id);
    var fill = state.colourBy === "community" ? communityColour(n.community) : ts.color;
    // (the focus veil, drawAbove, dims the rest without restyling it)
    var border = hi ? HIGHLIGHT : "#2b2f36";
    return {
      id: n.id,
      hidden: !state.visibleNodes.has(n.id),
      color: { background: fill, border: border,
        highlight: { background: fill, border: "#111" },
        hover: { background: fill, border: "#111" } },
      borderWidth: hi ? 5 : 1,
      borderWidthSelected: hi ? 6 : 3,
      shadow: hi ? { enabled: true, color: "rgba(255,159,0,0.85)", size: 22, x: 0, y: 0 }
        : { enabled: false },
      font: { color: "#1d1f23", strokeWidth: 4, size: fontSize.get(n.id),
        bold: hi ? { color: "#1d1f23" } : undefined }
    };
  }
  function edgeItem(e) {
    var hi = highlightEdges.has(e.id);
    var weight = Math.max(1, Number(e.weight) || 1);
    var base = Math.min(1 + Math.log2(weight), 8);
    var item = { id: e.id, hidden: !state.visibleEdges.has(e.id) };
    var color;
    if (e.layer === ASSERTION) {
      var ss = stanceStyle(e.stance);
      color = ss.color;
      item.width = base + 0.8;
      item.dashes = ss.dashes;
      var focused = state.keepEdges.has(e.id);
      // vis keeps an old label when given ""/undefined, so "no label" is a blank space.
      item.label = DATA.edges.length <= EDGE_LABEL_LIMIT || focused || hi
        ? str(e.verb) || str(e.stance) || " " : " ";
      item.font = { color: ss.color };
    } else if (own(WINDOWS, e.layer)) {
      color = CO_MENTION_COLOR;
      item.width = WINDOWS[e.layer].width;
      item.dashes = WINDOWS[e.layer].dashes;
    } else {
      color = CO_MENTION_COLOR;
      item.width = base;
    }
    if (hi) {
      color = HIGHLIGHT;
      item.width += 5;
      item.shadow = { enabled: true, color: "rgba(255,159,0,0.6)", size: 12, x: 0, y: 0 };
    } else {
      item.shadow = { enabled: false };
    }
    var opacity = e.layer === ASSERTION || hi ? 0.95 : 0.6;
    var strong = e.layer === ASSERTION || hi ? color : CO_MENTION_STRONG;
    item.color = { color: color, highlight: strong, hover: strong, opacity: opacity };
    return item;
  }
  function initialNode(n) {
    var item = nodeItem(n);
    var ts = typeStyle(n.type);
    item.label = str(n.label) || n.id;
    item.shape = ts.shape;
    item.value = importance(n);
    if (hubs.has(n.id)) { item.scaling = HUB_SCALING; }
    if (typeof n.x === "number" && typeof n.y === "number") { item.x = n.x; item.y = n.y; }
    return item;
  }
  function initialEdge(e) {
    var item = edgeItem(e);
    item.from = e.from;
    item.to = e.to;
    if (e.layer === ASSERTION) {
      item.arrows = { to: { enabled: true, scaleFactor: 0.7 } };
      item.smooth = { enabled: true, type: "curvedCW", roundness: 0.18 };
    }
    return item;
  }

  // ---------- filtering ----------
  function sourcePass(e) {
    if (!state.source) { return true; }
    var sep = state.source.indexOf(":");
    var kind = state.source.slice(0, sep);
    var value = state.source.slice(sep + 1);
    return kind === "outlet" ? list(e.outlets).indexOf(value) >= 0
      : list(e.documents).indexOf(value) >= 0;
  }
  function edgePasses(e) {
    return state.layers.has(e.layer) && sourcePass(e) && !(Number(e.weight) < state.minWeight);
  }
  /** Whether an entity is in play: drawn, or carried hidden and shown by a double-click. */
  function inPlay(id) { var n = nodeById.get(id); return !n.ring || ringAnchor.has(id); }
  function computeVisibility() {
    var restrictive = state.source !== "" || state.layers.size < presentLayers.length;
    var typeOk = function (id) { return state.types.has(nodeById.get(id).type); };
    var nodes = new Set();
    DATA.nodes.forEach(function (n) {
      if (!inPlay(n.id) || !typeOk(n.id)) { return; }
      var isolated = !pageLinks.get(n.id);
      if (isolated && state.hideIsolated) { return; }
      if (!restrictive && (state.minWeight <= 0 || isolated)) { nodes.add(n.id); return; }
      var linked = incident.get(n.id).some(function (eid) {
        var e = edgeById.get(eid);
        return edgePasses(e) && typeOk(e.from) && typeOk(e.to) && inPlay(e.from) && inPlay(e.to);
      });
      if (linked) { nodes.add(n.id); }
    });
    var edges = new Set();
    DATA.edges.forEach(function (e) {
      if (edgePasses(e) && nodes.has(e.from) && nodes.has(e.to)) { edges.add(e.id); }
    });
    state.visibleNodes = nodes;
    state.visibleEdges = edges;
  }
  /** The focused entity or link and its neighbourhood: O(its links), from the index. */
  function computeFocusSets() {
    var keepNodes = new Set();
    var keepEdges = new Set();
    if (state.focus && state.focus.kind === "node") {
      keepNodes.add(state.focus.id);
      incident.get(state.focus.id).forEach(function (eid) {
        if (!state.visibleEdges.has(eid)) { return; }
        var e = edgeById.get(eid);
        keepEdges.add(eid); keepNodes.add(e.from); keepNodes.add(e.to);
      });
    } else if (state.focus) {
      var fe = edgeById.get(state.focus.id);
      keepEdges.add(fe.id); keepNodes.add(fe.from); keepNodes.add(fe.to);
    }
    state.keepNodes = keepNodes;
    state.keepEdges = keepEdges;
    // the neighbours named above the veil: those of the strongest links, FOCUS_LABELS at most
    var strongest = Array.from(keepEdges).map(function (id) { return edgeById.get(id); })
      .sort(function (a, b) { return (Number(b.weight) || 0) - (Number(a.weight) || 0); });
    var named = new Set();
    for (var i = 0; i < strongest.length && named.size < FOCUS_LABELS; i++) {
      named.add(strongest[i].from);
      named.add(strongest[i].to);
    }
    state.focusNamed = named;
  }
  /** Everything outside the focus (what the veil dims), listed only when asked. */
  function dimmedIds() {
    if (!state.focus) { return []; }
    var out = [];
    DATA.nodes.forEach(function (n) { if (!state.keepNodes.has(n.id)) { out.push(n.id); } });
    DATA.edges.forEach(function (e) { if (!state.keepEdges.has(e.id)) { out.push(e.id); } });
    return out;
  }
  /** Keep only the items whose style differs from what was last sent to vis (big graphs).
   *  ``drawn`` keeps each item's style without ``hidden``; an item whose only change is
   *  ``hidden`` goes to ``flips`` when given (shown or hidden without a vis update). */
  function changedItems(items, drawn, flips) {
    return items.filter(function (item) {
      var hidden = item.hidden;
      delete item.hidden;
      var key = JSON.stringify(item);
      item.hidden = hidden;
      var was = drawn.get(item.id);
      if (was && was.key === key && was.hidden === hidden) { return false; }
      var onlyHidden = was && was.key === key;
      drawn.set(item.id, { key: key, hidden: hidden });
      if (onlyHidden && flips) { flips.push(item); return false; }
      return true;
    });
  }
  /** Send what changed to vis. A vis-network DataSet update re-parses every option of every
   *  item (≈0.4 s for the 11,000 links a layer filter hides at 2,000 entities): items whose
   *  only change is being shown or hidden are flipped in place and the drawn lists rebuilt. */
  function sendChanges() {
    var flips = clustered ? null : [];
    var nodeChanges = changedItems(DATA.nodes.map(nodeItem), drawnNodes, flips);
    var flippedNodes = flips ? flips.length : 0;
    var edgeChanges = changedItems(DATA.edges.map(edgeItem), drawnEdges, flips);
    if (flips && flips.length) {
      flips.forEach(function (item, i) {
        var body = i < flippedNodes ? network.body.nodes : network.body.edges;
        if (body[item.id]) { body[item.id].options.hidden = item.hidden; }
      });
      network._updateVisibleIndices();
      dataChanged();
      network.body.emitter.emit("_requestRedraw");
    }
    if (nodeChanges.length) { nodes.update(nodeChanges); }
    if (edgeChanges.length) { edges.update(edgeChanges); }
  }
  function apply() {
    computeVisibility();
    if (state.focus && state.focus.kind === "node" && !state.visibleNodes.has(state.focus.id)) {
      state.focus = null;
    } else if (state.focus && state.focus.kind === "edge" &&
      !state.visibleEdges.has(state.focus.id)) {
      state.focus = null;
    }
    computeFocusSets();
    sendChanges();
    updateStats();
    updateCounts();
  }
  /** After a click: restyle only the old and the new neighbourhood, never the whole chart
   *  (the veil drawn over the canvas does the dimming). */
  function applyFocus() {
    var before = state.keepEdges;
    if (state.focus && !(state.focus.kind === "node" ? state.visibleNodes : state.visibleEdges)
      .has(state.focus.id)) {
      state.focus = null;
    }
    computeFocusSets();
    var touched = new Set(before);
    state.keepEdges.forEach(function (id) { touched.add(id); });
    touched.forEach(function (id) {  // only assertion labels change with the focus
      var item = edgeItem(edgeById.get(id));
      var edge = network.body.edges[id];
      if (edge && edge.options.label !== item.label) {
        edge.setOptions({ label: item.label });  // not through the DataSet: no full update
        var was = drawnEdges.get(id);
        var rest = was ? JSON.parse(was.key) : {};
        rest.label = item.label;
        drawnEdges.set(id, { key: JSON.stringify(rest), hidden: was ? was.hidden : item.hidden });
      }
    });
    network.body.emitter.emit("_requestRedraw");
  }

  // ---------- network ----------
  var container = document.getElementById("lc-network");

  // ---------- importance: size, and which labels show at which zoom ----------
  /* Sizes and label sizes are set in screen pixels at the view the page opens on (the
   * fitted chart), so they read the same at 50 entities and at 5,000: the most important
   * entities are labelled there, the rest appear as the user zooms in (vis-network hides a
   * label drawn under LABEL_MIN_PX and never draws one above LABEL_MAX_PX), hubs always. */
  var LABELS_AT_FIT = 60;     // entities labelled at the fitted view, at most
  var LABEL_MIN_PX = 8;       // vis's drawThreshold: smaller labels are not drawn
  var LABEL_MAX_PX = 26;      // vis's maxVisible: zoomed in, no label grows past this
  var LIVE_LAYOUT_SCALE = 0.75;  // the zoom assumed when the browser lays the chart out
  var HUB_SHARE = 0.01;       // hubs: the top 1% by importance (5 to 40), labelled at any zoom
  function importance(n) { return Math.max(0, Number(n.importance) || 0); }
  var byImportance = DATA.nodes.slice().sort(function (a, b) {
    return importance(b) - importance(a) ||
      (Number(b.mentions) || 0) - (Number(a.mentions) || 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  });
  var rankOf = new Map();
  byImportance.forEach(function (n, i) { rankOf.set(n.id, i); });
  var hubCount = Math.max(5, Math.min(40, Math.ceil(DATA.nodes.length * HUB_SHARE)));
  var hubs = new Set(byImportance.filter(function (n) { return !n.ring; }).slice(0, hubCount)
    .filter(function (n) { return importance(n) > 0; }).map(function (n) { return n.id; }));
  /** The zoom the fitted view will have, from the positions and the canvas (1 without positions). */
  function expectedFitScale() {
    var xs = [], ys = [];
    DATA.nodes.forEach(function (n) {
      if (typeof n.x === "number" && typeof n.y === "number") { xs.push(n.x); ys.push(n.y); }
    });
    if (xs.length < 2) { return LIVE_LAYOUT_SCALE; }
    var w = Math.max.apply(null, xs) - Math.min.apply(null, xs) + 60;
    var h = Math.max.apply(null, ys) - Math.min.apply(null, ys) + 60;
    var cw = container.clientWidth || 800, ch = container.clientHeight || 600;
    return Math.min(MAX_FIT_ZOOM, cw / w, ch / h);
  }
  var fitScale = expectedFitScale();
  /** Which entities are labelled at the fitted view: the hubs, then by importance each whose
   *  label would not cover one already chosen, up to LABELS_AT_FIT (without positions, a
   *  live layout, simply the LABELS_AT_FIT most important). */
  function labelledAtFit() {
    var chosen = new Set();
    var boxes = [];
    byImportance.forEach(function (n) {
      if (n.ring || chosen.size >= LABELS_AT_FIT) { return; }
      var px = labelPixels(chosen.size);
      var w = str(n.label).length * px * 0.55 / fitScale, h = px * 1.3 / fitScale;
      var box = typeof n.x === "number" ? [n.x - w / 2, n.y, n.x + w / 2, n.y + h] : null;
      var free = !box || boxes.every(function (b) {
        return box[2] < b[0] || box[0] > b[2] || box[3] < b[1] || box[1] > b[3];
      });
      if (hubs.has(n.id) || free) {
        chosen.add(n.id);
        if (box) { boxes.push(box); }
      }
    });
    return chosen;
  }
  /** Label size at the fitted view, in pixels, of the k-th labelled entity: 18 down to 12. */
  function labelPixels(k) { return 18 - 6 * Math.min(1, k / LABELS_AT_FIT); }
  var atFit = labelledAtFit();
  var fontSize = new Map();
  var k = 0;
  byImportance.forEach(function (n, rank) {
    // the others just under LABEL_MIN_PX, shrinking with rank: they appear as the user zooms in
    var px = atFit.has(n.id) ? labelPixels(k++)
      : (LABEL_MIN_PX - 1.5) * Math.sqrt(LABELS_AT_FIT / Math.max(rank, LABELS_AT_FIT));
    // a few sizes only: the canvas resolves each distinct font anew (0.3 ms per label)
    fontSize.set(n.id, Math.round(px * 2) / 2 / fitScale);
  });
  /** Node radius from importance on a log scale, 3 to 18 pixels at the fitted view
   *  (at least 10 to 42 chart units, as small charts had). */
  function logScale(min, max, total, value) {
    if (max === min) { return 0.5; }
    return (Math.log(1 + value) - Math.log(1 + min)) / (Math.log(1 + max) - Math.log(1 + min));
  }
  var SIZE_MIN = Math.max(10, 3 / fitScale);
  var SIZE_MAX = Math.max(42, 18 / fitScale);
  var HUB_SCALING = { min: SIZE_MIN, max: SIZE_MAX, customScalingFunction: logScale,
    label: { enabled: false, maxVisible: LABEL_MAX_PX, drawThreshold: 0 } };
  var nodes = new vis.DataSet();
  var edges = new vis.DataSet();
  var drawnNodes = new Map();  // id -> {key: JSON of the style last sent to vis, hidden}
  var drawnEdges = new Map();
  computeVisibility();
  nodes.add(byImportance.slice().reverse().map(initialNode));  // hubs drawn last, on top
  edges.add(DATA.edges.map(initialEdge));
  changedItems(DATA.nodes.map(nodeItem), drawnNodes);
  changedItems(DATA.edges.map(edgeItem), drawnEdges);
  var big = DATA.nodes.length > 400 || DATA.edges.length > 1500;
  /** Fewer layout steps for big charts: each costs ~50 ms at 1500 nodes in a headless run. */
  function stabilizationIterations(count) { return count <= 150 ? 1000 : count <= 500 ? 400 : 200; }
  var options = {
    autoResize: true,
    layout: { randomSeed: 7, improvedLayout: DATA.nodes.length <= 150 },
    nodes: {
      scaling: { min: SIZE_MIN, max: SIZE_MAX, customScalingFunction: logScale,
        label: { enabled: false, maxVisible: LABEL_MAX_PX, drawThreshold: LABEL_MIN_PX } },
      font: { face: "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif",
        strokeColor: "#ffffff" }
    },
    edges: {
      smooth: false,
      selectionWidth: 1.5,
      hoverWidth: 1,
      font: { size: 11, strokeWidth: 4, strokeColor: "#ffffff", align: "middle" }
    },
    physics: {
      enabled: DATA.physics && DATA.nodes.length > 0,
      solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -70, centralGravity: 0.012, springLength: 130,
        springConstant: 0.06, damping: 0.5, avoidOverlap: 0.5 },
      minVelocity: 1,
      stabilization: { enabled: true, iterations: stabilizationIterations(DATA.nodes.length),
        updateInterval: 25, fit: true }
    },
    interaction: { hover: true, multiselect: false, keyboard: false,
      hideEdgesOnDrag: big, hideEdgesOnZoom: big, navigationButtons: false }
  };
  TIMINGS.items = performance.now();
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  TIMINGS.network = performance.now();

  // ---------- drawing: the chart once, then only what changes ----------
  /* vis-network redraws every node and edge for any change, even a click (≈0.1 s at 2,000
   * entities and 15,000 links here). So the chart is drawn without selection or hover, kept
   * as a bitmap, and while the view and the data stay put a redraw is that bitmap, then the
   * focus (under a white veil for the rest), the selection and the hover drawn above it. */
  var clustered = 0;  // community clusters currently closed
  var renderer = network.renderer;
  var fullRedraw = renderer._redraw.bind(renderer);
  var base = { canvas: document.createElement("canvas"), key: null, version: 0 };
  function dataChanged() { base.version += 1; }
  ["_dataChanged", "_dataUpdated"].forEach(function (name) { network.body.emitter.on(name, dataChanged); });
  network.on("dragging", dataChanged);
  function baseKey() {
    var v = network.body.view;
    var c = renderer.canvas.frame.canvas;
    return [v.scale, v.translation.x, v.translation.y, c.width, c.height, base.version].join(",");
  }
  function physicsRunning() { return network.physics.options.enabled && !network.physics.stabilized; }
  /** The selected and hovered vis items, with those flags (read from the selection, not
   *  from every item: a hub's selection is thousands of links, the chart tens of thousands). */
  function marked() {
    var out = [];
    var seen = new Set();
    var body = network.body;
    function add(item) {
      if (item && !seen.has(item) && (item.selected || item.hover)) {
        seen.add(item);
        out.push([item, item.selected, item.hover]);
      }
    }
    network.getSelectedNodes().forEach(function (id) { add(body.nodes[id]); });
    network.getSelectedEdges().forEach(function (id) { add(body.edges[id]); });
    var hovered = network.selectionHandler.hoverObj || { nodes: {}, edges: {} };
    Object.keys(hovered.nodes).forEach(function (id) { add(body.nodes[id]); });
    Object.keys(hovered.edges).forEach(function (id) { add(body.edges[id]); });
    return out;
  }

  // vis steps its animations on "initRedraw", which its full redraw emits: emit it once per
  // frame here, before deciding whether the view moved, and not again inside the full redraw.
  var emitter = network.body.emitter;
  var emit = emitter.emit;
  var initEmitted = false;
  emitter.emit = function (name) {
    if (name === "initRedraw" && initEmitted) { return emitter; }
    return emit.apply(emitter, arguments);
  };
  renderer._redraw = function (hidden) {
    if (renderer.allowRedraw !== true) { return fullRedraw(hidden); }
    emitter.emit("initRedraw");
    initEmitted = true;
    try { quickOrFullRedraw(hidden); } finally { initEmitted = false; }
  };
  function keepBase(ctx, key) {
    if (base.canvas.width !== ctx.canvas.width || base.canvas.height !== ctx.canvas.height) {
      base.canvas.width = ctx.canvas.width;
      base.canvas.height = ctx.canvas.height;
    }
    var bctx = base.canvas.getContext("2d");
    bctx.clearRect(0, 0, base.canvas.width, base.canvas.height);
    bctx.drawImage(ctx.canvas, 0, 0);
    base.key = key;
  }
  var cleanKey = null;  // the canvas holds the chart alone, drawn at this key: copy it when needed
  function quickOrFullRedraw(hidden) {
    var ctx = renderer.canvas.getContext();
    var key = baseKey();
    var still = !hidden && !renderer.dragging && !renderer.zooming && !physicsRunning();
    if (still && base.key !== key && cleanKey === key) { keepBase(ctx, key); }
    if (still && base.key === key) {
      renderer.redrawRequested = false;
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
      ctx.drawImage(base.canvas, 0, 0);
      api.quickDraws += 1;
    } else {
      var was = marked();  // drawn above the bitmap, so never into it
      was.forEach(function (m) { m[0].selected = false; m[0].hover = false; });
      fullRedraw(hidden);
      was.forEach(function (m) { m[0].selected = m[1]; m[0].hover = m[2]; });
      // while the view moves every frame, copying it would only slow the frames down
      if (still && (state.focus || was.length)) { keepBase(ctx, key); }
      cleanKey = still ? key : null;
      api.fullDraws += 1;
      if (!api.drawnAt && !hidden) { api.drawnAt = performance.now(); }  // the first chart drawn
    }
    if (!hidden && drawAbove(ctx)) { cleanKey = null; }
  }

  /** The veil (with a focus), then the focus, the selection and the hover, in chart units;
   *  whether anything was drawn. */
  function drawAbove(ctx) {
    var body = network.body;
    var v = body.view;
    var ratio = renderer.canvas.pixelRatio || 1;
    var drawn = clustered ? new Set(body.nodeIndices.concat(body.edgeIndices)) : null;
    function shown(id) { return !drawn || drawn.has(id); }
    var nodeIds = new Set();
    var edgeIds = new Set();
    if (state.focus) {
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.fillStyle = VEIL;
      ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
      state.keepNodes.forEach(function (id) { nodeIds.add(id); });
      state.keepEdges.forEach(function (id) { edgeIds.add(id); });
    }
    marked().forEach(function (m) {
      var item = m[0];
      (item.edgeType ? edgeIds : nodeIds).add(item.id);
    });
    if (!nodeIds.size && !edgeIds.size) { return !!state.focus; }
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.translate(v.translation.x, v.translation.y);
    ctx.scale(v.scale, v.scale);
    var links = [];
    edgeIds.forEach(function (id) {
      var edge = body.edges[id];
      if (edge && edge.connected && !edge.options.hidden && shown(id)) { links.push(edge); }
    });
    links.forEach(function (edge) { edge.draw(ctx); });
    links.forEach(function (edge) { edge.drawArrows(ctx); });
    var labels = [];
    nodeIds.forEach(function (id) {
      var node = body.nodes[id];
      if (!node || node.options.hidden || !shown(id)) { return; }
      var done = node.draw(ctx);
      if (done && done.drawExternalLabel) { labels.push(done.drawExternalLabel); }
    });
    labels.forEach(function (label) { label(); });
    // the focus's neighbours are named even where the zoom hides their labels
    var px = FOCUS_LABEL_PX / v.scale;
    ctx.font = px + "px system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif";
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineWidth = 4 / v.scale;
    ctx.strokeStyle = "#ffffff";
    ctx.fillStyle = "#1d1f23";
    nodeIds.forEach(function (id) {
      var node = body.nodes[id];
      if (!node || node.options.hidden || !shown(id) || !state.focusNamed.has(id) ||
        node.labelModule.visible()) { return; }
      var text = str(node.options.label);
      var y = node.y + (node.shape.height ? node.shape.height / 2 : node.options.size) + 2 / v.scale;
      ctx.strokeText(text, node.x, y);
      ctx.fillText(text, node.x, y);
    });
    return true;
  }

  // ---------- communities: colour, list, collapse into one node and expand ----------
  var communities = [];  // k -> member ids, most important first
  byImportance.forEach(function (n) {
    var k = n.community;
    if (typeof k !== "number" || k < 0) { return; }
    while (communities.length <= k) { communities.push([]); }
    communities[k].push(n.id);
  });
  var CLUSTER_PREFIX = "lc-community:";
  function clusterId(k) { return CLUSTER_PREFIX + k; }
  function communityOfCluster(id) {
    return typeof id === "string" && id.indexOf(CLUSTER_PREFIX) === 0 ? Number(id.slice(CLUSTER_PREFIX.length))
      : null;
  }
  function communityName(k) { return "Community " + (k + 1); }
  function isCollapsed(k) { return own(network.body.nodes, clusterId(k)); }
  /** Draw community k as one node (its entities still shown by the filters). */
  function collapseCommunity(k) {
    if (!communities[k] || isCollapsed(k)) { return; }
    var members = new Set(communities[k].filter(function (id) { return state.visibleNodes.has(id); }));
    if (members.size < 2) { return; }
    if (state.focus && (state.focus.kind === "node" ? members.has(state.focus.id)
      : members.has(edgeById.get(state.focus.id).from) || members.has(edgeById.get(state.focus.id).to))) {
      clearFocus();
    }
    var top = communities[k].slice(0, 1).map(label).join("");
    network.cluster({
      joinCondition: function (o) { return members.has(o.id); },
      clusterNodeProperties: {
        id: clusterId(k), label: communityName(k) + ": " + top + " +" + (members.size - 1),
        shape: "dot", size: SIZE_MAX, borderWidth: 2, scaling: HUB_SCALING,
        color: { background: communityColour(k), border: "#2b2f36" },
        font: { size: 16 / fitScale, color: "#1d1f23", strokeWidth: 4 }
      }
    });
    clustered += 1;
    showCommunities();
  }
  function expandCommunity(k) {
    if (!isCollapsed(k)) { return; }
    network.openCluster(clusterId(k));
    clustered -= 1;
    showCommunities();
  }
  function expandAll() {
    communities.forEach(function (_, k) { expandCommunity(k); });
  }
  var communitySection = document.getElementById("lc-community-section");
  var communityList = document.getElementById("lc-communities");
  var colourSelect = document.getElementById("lc-colour");
  function showCommunities() {
    clear(communityList);
    communities.slice(0, COMMUNITIES_LISTED).forEach(function (members, k) {
      var li = el("li");
      li.dataset.community = String(k);
      var dot = el("span", "lc-community-dot");
      dot.style.background = communityColour(k);
      var collapsed = isCollapsed(k);
      var toggle = linkButton(collapsed ? "Expand" : "Collapse", function () {
        if (isCollapsed(k)) { expandCommunity(k); } else { collapseCommunity(k); }
      }, "lc-fix-button");
      toggle.id = "lc-cluster-" + k;
      toggle.setAttribute("aria-pressed", collapsed ? "true" : "false");
      append(li, append(el("div", "lc-community-head"), dot,
        el("span", null, communityName(k) + " \u00b7 " + plural(members.length, "entity", "entities")),
        toggle));
      var tops = el("span", "lc-community-top");
      members.slice(0, COMMUNITY_TOP).forEach(function (id, i) {
        if (i) { append(tops, document.createTextNode(", ")); }
        append(tops, linkButton(label(id), function () { focusNode(id); }, "lc-name-link"));
      });
      append(li, tops);
      append(communityList, li);
    });
    var note = document.getElementById("lc-communities-note");
    var rest = communities.length - COMMUNITIES_LISTED;
    note.textContent = (rest > 0 ? plural(rest, "smaller community", "smaller communities") +
      " not listed. " : "") + "Louvain communities of the links, computed when the page was written.";
  }
  function setColourBy(mode) {
    state.colourBy = mode === "community" ? "community" : "type";
    colourSelect.value = state.colourBy;
    sendChanges();
  }
  if (communities.length) {
    communitySection.hidden = false;
    colourSelect.addEventListener("change", function () { setColourBy(colourSelect.value); });
    showCommunities();
  }
  function showCommunityPanel(k) {
    panel = { kind: "community", id: k };
    clear(detailsBody);
    var badge = el("span", "lc-badge", "Community");
    badge.style.background = communityColour(k);
    append(detailsBody, badge, el("h2", null, communityName(k)));
    append(detailsBody, el("p", "lc-meta", plural(communities[k].length, "entity", "entities") +
      ", collapsed into one node. Double-click it, or:"));
    var expand = linkButton("Expand", function () { expandCommunity(k); showHint(); }, "lc-fix-button");
    expand.id = "lc-cluster-expand";
    append(detailsBody, expand);
    var section = append(el("section"), el("h3", null, "Most important"));
    var ul = el("ul", "lc-plain");
    communities[k].slice(0, 12).forEach(function (id) {
      append(ul, append(el("li"), linkButton(label(id), function () { focusNode(id); })));
    });
    append(detailsBody, append(section, ul));
  }
  network.on("doubleClick", function (p) {
    var id = network.getNodeAt(p.pointer.DOM);  // (the click may have cleared the selection)
    var k = communityOfCluster(id);
    if (k !== null) { expandCommunity(k); showHint(); }
    else if (id !== undefined && nodeById.has(id)) { toggleRing(id); }
  });

  // ---------- the next ring: carried hidden, shown around an entity by a double-click ----------
  function hiddenNeighbours(id) {
    var out = [];
    var seen = new Set();
    incident.get(id).forEach(function (eid) {
      var e = edgeById.get(eid);
      var other = e.from === id ? e.to : e.from;
      if (nodeById.get(other).ring && !ringAnchor.has(other) && !seen.has(other)) {
        seen.add(other);
        out.push(other);
      }
    });
    return out;
  }
  function shownAround(id) {
    var out = [];
    ringAnchor.forEach(function (anchor, other) { if (anchor === id) { out.push(other); } });
    return out;
  }
  /** Show the entity's hidden neighbours in a circle around it, or fold them (and what they
   *  showed in turn) back. */
  function toggleRing(id) {
    var shown = shownAround(id);
    if (shown.length) {
      var fold = shown.slice();
      while (fold.length) {
        var other = fold.pop();
        ringAnchor.delete(other);
        shownAround(other).forEach(function (o) { fold.push(o); });
      }
    } else {
      var hidden = hiddenNeighbours(id);
      if (!hidden.length) { return false; }
      var centre = network.getPositions([id])[id];
      var radius = (40 + 6 * hidden.length) / network.getScale();
      hidden.forEach(function (other, i) {
        var angle = 2 * Math.PI * i / hidden.length;
        ringAnchor.set(other, id);
        network.moveNode(other, centre.x + radius * Math.cos(angle), centre.y + radius * Math.sin(angle));
      });
    }
    apply();
    if (panel.kind === "node") { showNodePanel(panel.id); }
    return true;
  }
  /** A carried entity asked for by name (search, a link): shown beside a drawn neighbour. */
  function reveal(id) {
    if (!nodeById.get(id).ring || ringAnchor.has(id)) { return; }
    var anchor = null;
    incident.get(id).forEach(function (eid) {
      var e = edgeById.get(eid);
      var other = e.from === id ? e.to : e.from;
      if (anchor === null && inPlay(other) && other !== id) { anchor = other; }
    });
    if (anchor === null) { return; }
    var centre = network.getPositions([anchor])[anchor];
    ringAnchor.set(id, anchor);
    network.moveNode(id, centre.x + 50 / network.getScale(), centre.y);
    apply();
  }
  var hiddenBox = document.getElementById("lc-hidden");
  /** What the page does not show, why, and how to see it. */
  function showHidden() {
    clear(hiddenBox);
    var cut = DATA.cut && typeof DATA.cut === "object" ? DATA.cut : null;
    if (cut) {
      list(cut.reasons).forEach(function (reason) { append(hiddenBox, el("p", null, "This page shows " + reason + ".")); });
      if (typeof cut.entities === "number") {
        append(hiddenBox, el("p", "lc-meta", "The store has " + plural(cut.entities, "entity", "entities") +
          " and " + plural(cut.links, "link") + "; this page draws " + plural(pageNodeCount, "entity", "entities") +
          " and " + plural(pageEdgeCount, "link") + "."));
      }
    }
    var ringTotal = DATA.nodes.length - pageNodeCount;
    if (ringTotal) {
      var shownRing = ringAnchor.size;
      append(hiddenBox, el("p", null, plural(ringTotal, "entity", "entities") + " one link further are in " +
        "the page, hidden" + (shownRing ? " (" + shownRing + " shown)" : "") + ": double-click an entity " +
        "to show its hidden neighbours, again to fold them."));
      if (cut && cut.not_carried) {
        append(hiddenBox, el("p", "lc-meta", plural(cut.not_carried, "more neighbour") + " not carried (at most " +
          cut.per_entity + " per entity, the strongest links, and " + cut.limit + " in all)."));
      }
    }
    var filteredNodes = 0, filteredEdges = 0;
    DATA.nodes.forEach(function (n) { if (inPlay(n.id) && !state.visibleNodes.has(n.id)) { filteredNodes += 1; } });
    DATA.edges.forEach(function (e) {
      if (inPlay(e.from) && inPlay(e.to) && !state.visibleEdges.has(e.id)) { filteredEdges += 1; }
    });
    if (filteredNodes || filteredEdges) {
      append(hiddenBox, el("p", "lc-meta", "Hidden by the filters above: " +
        plural(filteredNodes, "entity", "entities") + ", " + plural(filteredEdges, "link") + "."));
    }
    if (!hiddenBox.firstChild) { append(hiddenBox, el("p", "lc-meta", "Nothing: every entity and link is drawn.")); }
  }

  var api = {
    network: network, nodes: nodes, edges: edges, data: DATA, ready: false, stabilized: false,
    stabilizationEvents: 0,  // physics steps seen: none when the page draws fixed positions
    fullDraws: 0, quickDraws: 0,  // redraws of the whole chart / of the kept bitmap
    visibleNodeIds: function () { return network.body.nodeIndices.slice(); },
    visibleEdgeIds: function () { return network.body.edgeIndices.slice(); },
    hubs: function () { return Array.from(hubs); },
    toggleRing: function (id) { return toggleRing(id); },
    hiddenNeighbours: function (id) { return hiddenNeighbours(id); },
    communities: function () { return communities.map(function (c) { return c.slice(); }); },
    colourBy: function (mode) { setColourBy(mode); },
    collapseCommunity: function (k) { collapseCommunity(k); },
    expandCommunity: function (k) { expandCommunity(k); },
    nodeColour: function (id) {
      var node = network.body.nodes[id];
      return node ? node.options.color.background : null;
    },
    /** Entities whose label vis-network draws at the current zoom. */
    labelledIds: function () {
      return network.body.nodeIndices.filter(function (id) {
        var node = network.body.nodes[id];
        return node.labelModule.visible();
      });
    },
    dimmedIds: dimmedIds,
    focus: function () {
      return state.focus ? { kind: state.focus.kind, id: state.focus.id } : null;
    },
    search: function (q) { return searchNodes(q).map(function (m) { return m.id; }); },
    focusNode: function (id, pan) { focusNode(id, pan); },
    selectEdge: function (id) { selectEdge(id); },
    clearFocus: function () { clearFocus(); },
    setType: function (type, on) { setChecked("lc-type-filters", type, on); },
    setLayer: function (layer, on) { setChecked("lc-layer-filters", layer, on); },
    setSource: function (value) { sourceSelect.value = value; onSourceChange(); },
    setMinWeight: function (weight) {
      var stop = 0;
      weightStops.forEach(function (w, i) { if (w <= weight) { stop = i; } });
      setMinWeight(stop);
      filtersChanged();
    },
    nodeDOMPosition: function (id) {
      var p = network.getPositions([id])[id];
      return p ? network.canvasToDOM(p) : null;
    },
    edgeDOMPosition: function (id, at) {
      var t = at === undefined ? 0.5 : at;
      var edge = network.body.edges[id];
      var p = edge && edge.edgeType && edge.edgeType.getPoint ? edge.edgeType.getPoint(t) : null;
      if (!p) {
        var e = edgeById.get(id);
        var pos = network.getPositions([e.from, e.to]);
        p = { x: pos[e.from].x + (pos[e.to].x - pos[e.from].x) * t, y: pos[e.from].y + (pos[e.to].y - pos[e.from].y) * t };
      }
      return network.canvasToDOM(p);
    },
    tooltipText: function () { return tooltip.hidden ? "" : tooltip.textContent; },
    panelText: function () { return detailsBody.textContent; }
  };
  window.linkchart = api;

  function fitAll(animate) {
    network.fit({ maxZoomLevel: MAX_FIT_ZOOM, animation: animate ? { duration: 300 } : false });
  }
  /** After a type, layer or source filter: redraw, show the open panel as the filters now
   *  leave it (its link list included), and fit the view to what is still shown. */
  function filtersChanged() {
    expandAll();  // a community's node stands for what the filters showed when it closed
    apply();
    if (panel.kind === "node") { showNodePanel(panel.id); }
    else if (panel.kind === "edge") { showEdgePanel(panel.id); }
    var shown = Array.from(state.visibleNodes);
    if (shown.length) {
      network.fit({ nodes: shown, maxZoomLevel: MAX_FIT_ZOOM, animation: false });
    }
  }
  function markReady() {
    if (api.ready) { return; }
    document.getElementById("lc-loading").classList.add("lc-done");
    api.ready = true;
    api.readyAt = performance.now();  // ms since navigation: bench/html_browser.py reads it
    TIMINGS.ready = api.readyAt;
    api.timings = TIMINGS;
    document.documentElement.setAttribute("data-linkchart-ready", "true");
  }
  ["startStabilizing", "stabilizationProgress", "stabilized"].forEach(function (name) {
    network.on(name, function () { api.stabilizationEvents += 1; });
  });
  network.on("stabilizationProgress", function (p) {
    document.getElementById("lc-progress").style.width =
      Math.round(100 * p.iterations / Math.max(1, p.total)) + "%";
  });
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: { enabled: false } });
    api.stabilized = true;
    network.redraw();  // labels measured where physics left the nodes, then the fit
    fitAll(false);
    markReady();
  });
  if (!options.physics.enabled) {
    fitAll(false);
    markReady();
  }

  // ---------- tooltip ----------
  var wrap = document.getElementById("lc-canvas-wrap");
  var tooltip = document.getElementById("lc-tooltip");
  function showTooltip(content, pointer) {
    clear(tooltip);
    tooltip.appendChild(content);
    tooltip.hidden = false;
    var pad = 14;
    var x = pointer.x + pad;
    var y = pointer.y + pad;
    var w = tooltip.offsetWidth;
    var h = tooltip.offsetHeight;
    if (x + w > wrap.clientWidth) { x = Math.max(4, pointer.x - w - pad); }
    if (y + h > wrap.clientHeight) { y = Math.max(4, pointer.y - h - pad); }
    tooltip.style.left = x + "px";
    tooltip.style.top = y + "px";
  }
  function hideTooltip() { tooltip.hidden = true; clear(tooltip); }

  function nodeCard(id) {
    var n = nodeById.get(id);
    var box = el("div");
    append(box, el("div", "lc-head", str(n.label) || n.id));
    var roles = list(n.roles).length ? " \u00b7 " + list(n.roles).join(", ") : "";
    append(box, el("div", "lc-meta", typeName(n.type) + roles));
    var aliases = list(n.aliases).filter(function (a) { return a !== n.label; });
    if (aliases.length) { append(box, el("div", "lc-meta", "Also: " + aliases.join("; "))); }
    var docs = list(n.documents);
    append(box, el("div", "lc-meta", "Mentioned " + plural(Number(n.mentions) || 0, "time") +
      " in " + plural(docs.length, "document")));
    if (docs.length) {
      var ul = el("ul", "lc-evidence");
      docs.slice(0, 4).forEach(function (d) {
        var info = docInfo(d);
        var cite = el("span", "lc-cite", citation(info.title, info.outlet, info.date));
        append(ul, append(el("li"), cite));
      });
      if (docs.length > 4) { append(ul, el("li", "lc-meta", "+ " + (docs.length - 4) + " more")); }
      append(box, ul);
    }
    return box;
  }
  function edgeCard(id) {
    var e = edgeById.get(id);
    var box = el("div");
    append(box, el("div", "lc-head", edgeHeading(e)));
    append(box, el("div", "lc-meta", edgeSummary(e)));
    append(box, el("div", "lc-meta", corroborationText(e)));
    var evidence = list(e.evidence);
    var ul = el("ul", "lc-evidence");
    evidence.slice(0, TOOLTIP_EVIDENCE).forEach(function (ev) {
      append(ul, evidenceItem(ev, TOOLTIP_TEXT));
    });
    append(box, ul);
    if (evidence.length > TOOLTIP_EVIDENCE || moreDocuments(e)) {
      append(box, el("div", "lc-meta", "+ more \u2014 click the link to read " +
        (moreDocuments(e) ? "the first " + evidence.length : "all " + evidence.length)));
    }
    return box;
  }
  network.on("hoverNode", function (p) {
    var k = communityOfCluster(p.node);
    if (k !== null) {
      showTooltip(append(el("div"), el("div", "lc-head", communityName(k)), el("div", "lc-meta",
        plural(communities[k].length, "entity", "entities") + ". Double-click to expand.")), p.pointer.DOM);
    } else if (nodeById.has(p.node)) {
      showTooltip(nodeCard(p.node), p.pointer.DOM);
    }
  });
  network.on("hoverEdge", function (p) {
    if (edgeById.has(p.edge)) { showTooltip(edgeCard(p.edge), p.pointer.DOM); }
  });
  network.on("blurNode", hideTooltip);
  network.on("blurEdge", hideTooltip);
  network.on("dragStart", hideTooltip);
  network.on("zoom", hideTooltip);
  container.addEventListener("mouseleave", hideTooltip);

  // ---------- details panel ----------
  var detailsBody = document.getElementById("lc-details-body");
  function showHint() {
    clear(detailsBody);
    append(detailsBody, el("p", "lc-hint",
      "Click an entity to see who it is linked to, or a link to read the sentences behind it. " +
      "Hover for a quick look."));
    append(detailsBody, el("p", "lc-hint", plural(DATA.nodes.length, "entity", "entities") +
      ", " + plural(DATA.edges.length, "link") + ", " +
      plural(Object.keys(DATA.documents).length, "document") + "."));
  }
  function linkButton(text, onClick, className) {
    var b = el("button", className || "lc-link-button", text);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }
  var panel = { kind: null, id: null };  // what the details panel shows
  function showNodePanel(id) {
    panel = { kind: "node", id: id };
    var n = nodeById.get(id);
    var ts = typeStyle(n.type);
    clear(detailsBody);
    var badge = el("span", "lc-badge", typeName(n.type));
    badge.style.background = ts.color;
    append(detailsBody, badge, el("h2", null, str(n.label) || n.id));
    if (!state.visibleNodes.has(id)) {
      append(detailsBody, el("p", "lc-warning", "Hidden by the current filters."));
    }
    if (list(n.roles).length) { append(detailsBody, el("p", "lc-meta", list(n.roles).join(", "))); }
    var docs = list(n.documents);
    append(detailsBody, el("p", "lc-meta", "Mentioned " + plural(Number(n.mentions) || 0, "time") +
      " in " + plural(docs.length, "document") + "."));
    var aliases = list(n.aliases);
    if (aliases.length) {
      var sa = append(el("section"), el("h3", null, "Also written as"));
      var ula = el("ul");
      aliases.forEach(function (a) { append(ula, el("li", null, a)); });
      append(detailsBody, append(sa, ula));
    }
    var hiddenHere = hiddenNeighbours(id).length, shownHere = shownAround(id).length;
    if (hiddenHere || shownHere) {
      append(detailsBody, el("p", "lc-meta lc-ring-note", shownHere
        ? plural(shownHere, "neighbour") + " shown from the hidden ring: double-click the entity to fold them."
        : plural(hiddenHere, "hidden neighbour") + " in this page: double-click the entity to show them."));
    }
    var links = incident.get(id).filter(function (eid) { return state.visibleEdges.has(eid); })
      .map(function (eid) { return edgeById.get(eid); })
      .sort(function (a, b) { return (b.weight || 0) - (a.weight || 0); });
    var sl = append(el("section"), el("h3", null, "Links shown (" + links.length + ")"));
    var ull = el("ul", "lc-plain");
    function linkRow(e) {
      var other = e.from === id ? e.to : e.from;
      var text = e.layer === ASSERTION
        ? (e.from === id ? "\u2192 " : "\u2190 ") + label(other) +
          " (" + (str(e.verb) || str(e.stance)) + ")"
        : "\u2014 " + label(other) + " (" + plural(e.weight || 0, "sentence") + ")";
      append(ull, append(el("li"), linkButton(text, function () { selectEdge(e.id); })));
    }
    links.slice(0, LINKS_LISTED).forEach(linkRow);
    append(detailsBody, append(sl, ull));
    if (links.length > LINKS_LISTED) {  // a hub's thousand links: the strongest first, the rest on demand
      var rest = linkButton("Show all " + links.length + " links", function () {
        links.slice(LINKS_LISTED).forEach(linkRow);
        rest.remove();
      });
      rest.id = "lc-more-links";
      append(sl, rest);
    }
    if (docs.length) {
      var sd = append(el("section"), el("h3", null, "Documents"));
      var uld = el("ul");
      docs.forEach(function (d) {
        var info = docInfo(d);
        append(uld, append(el("li"), el("span", null, citation(info.title, info.outlet, info.date)),
          sourceLink(info.url)));
      });
      append(detailsBody, append(sd, uld));
    }
    append(detailsBody, fixSection(n));
    panelShown();
  }
  /** When the panel last changed, and when the frame that shows it began (bench figures). */
  function panelShown() {
    api.panelAt = performance.now();
    requestAnimationFrame(function () { api.panelPaintedAt = performance.now(); });
  }
  // ---------- corrections: the page writes commands to copy, it never runs anything ----------
  var FIX_TYPES = ["person", "agency", "outlet", "organization", "platform", "place"];
  function shellQuote(text) {
    text = str(text);
    return /^[A-Za-z0-9_.,:@%+=\/-]+$/.test(text) ? text : "'" + text.replace(/'/g, "'\"'\"'") + "'";
  }
  /** The exact ``linkchart fix`` line for these arguments, on this page's store. */
  function fixCommand(args) {
    var store = str(DATA.store);
    var words = ["linkchart", "fix"].concat(args);
    if (store && store !== "linkchart.db") { words.push("--db", store); }
    return words.map(shellQuote).join(" ");
  }
  function copyText(text, shown) {
    shown.textContent = text;
    var done = function () { shown.setAttribute("data-copied", "true"); };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, function () { selectText(shown); });
    } else {
      selectText(shown);
    }
  }
  function selectText(node) {
    var range = document.createRange();
    range.selectNodeContents(node);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }
  var fixNameList = null;
  /** Every entity's name for the "merge with" box: built once, when first wanted. */
  function fixNames() {
    if (fixNameList) { return; }
    fixNameList = el("datalist");
    fixNameList.id = "lc-fix-names";
    DATA.nodes.forEach(function (m) { append(fixNameList, el("option", null, str(m.label))); });
    document.body.appendChild(fixNameList);
  }
  function fixSection(n) {
    var name = str(n.label) || n.id;
    var section = append(el("section", "lc-fix"), el("h3", null, "Correct this entity"));
    if (list(n.corrected).length) {
      append(section, el("p", "lc-meta", "Corrected by hand: " + list(n.corrected).join(", ") + "."));
    }
    var shown = el("code", "lc-fix-command");
    shown.id = "lc-fix-command";
    var other = el("input");
    other.id = "lc-fix-other";
    other.setAttribute("list", "lc-fix-names");
    other.setAttribute("aria-label", "Entity to merge with " + name);
    other.placeholder = "another entity";
    other.addEventListener("focus", fixNames);  // built when first wanted, not on every click
    var kind = el("select");
    kind.id = "lc-fix-type";
    kind.setAttribute("aria-label", "New type for " + name);
    FIX_TYPES.forEach(function (t) {
      var o = el("option", null, typeName(t));
      o.value = t;
      if (t === n.type) { o.selected = true; }
      append(kind, o);
    });
    var merge = linkButton("Copy: merge with\u2026", function () {
      if (str(other.value).trim()) { copyText(fixCommand(["merge", name, other.value.trim()]), shown); }
    }, "lc-fix-button");
    merge.id = "lc-fix-merge";
    var retype = linkButton("Copy: retype as\u2026", function () {
      copyText(fixCommand(["type", name, kind.value]), shown);
    }, "lc-fix-button");
    retype.id = "lc-fix-retype";
    var drop = linkButton("Copy: drop", function () { copyText(fixCommand(["drop", name]), shown); },
      "lc-fix-button");
    drop.id = "lc-fix-drop";
    append(section,
      append(el("div", "lc-fix-row"), other, merge),
      append(el("div", "lc-fix-row"), kind, retype),
      append(el("div", "lc-fix-row"), drop),
      el("p", "lc-hint", "Buttons copy a command; run it in a terminal (the page changes nothing)."),
      shown);
    return section;
  }
  function showEdgePanel(id) {
    panel = { kind: "edge", id: id };
    var e = edgeById.get(id);
    clear(detailsBody);
    var badge = el("span", "lc-badge",
      e.layer === ASSERTION ? str(e.stance) || "assertion" : str(e.layer));
    badge.style.background = e.layer === ASSERTION ? stanceStyle(e.stance).color : CO_MENTION_COLOR;
    append(detailsBody, badge);
    var h = el("h2");
    append(h, linkButton(label(e.from), function () { focusNode(e.from); }, "lc-name-link"));
    append(h, el("span", "lc-meta", e.layer === ASSERTION ? " \u2192 " : " \u2014 "));
    append(h, linkButton(label(e.to), function () { focusNode(e.to); }, "lc-name-link"));
    append(detailsBody, h);
    append(detailsBody, el("p", "lc-meta", edgeSummary(e)));
    append(detailsBody, el("p", "lc-meta", corroborationText(e) + ": " +
      list(e.outlets).join(", ")));
    var evidence = list(e.evidence);
    var more = moreDocuments(e);
    var se = append(el("section"), el("h3", null, "Evidence (" + evidence.length + (more ? "+" : "") + ")"));
    var ul = el("ul", "lc-evidence");
    evidence.forEach(function (ev) { append(ul, evidenceItem(ev, 0)); });
    append(detailsBody, append(se, ul));
    if (more) {
      append(se, el("p", "lc-meta lc-evidence-more", "+ evidence from " + plural(more, "more document") +
        ", not in this page: linkchart export json (or linkchart path) reads all of it"));
    }
  }

  // ---------- focus ----------
  /** Select a node, dim all but its neighbourhood, show its details; pan to it if asked. */
  function focusNode(id, pan) {
    if (!nodeById.has(id)) { return; }
    var k = nodeById.get(id).community;
    if (typeof k === "number" && k >= 0 && isCollapsed(k)) { expandCommunity(k); }
    reveal(id);
    hideResults();
    hideTooltip();  // a card left over from the pointer would describe another entity
    state.focus = { kind: "node", id: id };
    applyFocus();
    if (state.visibleNodes.has(id)) {
      network.selectNodes([id]);
      if (pan !== false) {
        network.focus(id, { scale: Math.max(network.getScale(), 1.1),
          animation: { duration: 350, easingFunction: "easeInOutQuad" } });
      }
    } else {
      state.focus = null;
      applyFocus();
      network.unselectAll();
    }
    showNodePanel(id);
  }
  function selectEdge(id) {
    if (!edgeById.has(id)) { return; }
    state.focus = state.visibleEdges.has(id) ? { kind: "edge", id: id } : null;
    applyFocus();
    if (state.focus) { network.setSelection({ nodes: [], edges: [id] }); }
    showEdgePanel(id);
  }
  function clearFocus() {
    state.focus = null;
    panel = { kind: null, id: null };
    network.unselectAll();
    applyFocus();
    showHint();
  }
  network.on("click", function (p) {
    var k = p.nodes.length ? communityOfCluster(p.nodes[0]) : null;
    if (k !== null) { clearFocus(); showCommunityPanel(k); }
    else if (p.nodes.length) { focusNode(p.nodes[0], false); }
    else if (p.edges.length) { selectEdge(p.edges[0]); }
    else { clearFocus(); }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && document.activeElement !== searchInput) { clearFocus(); }
  });

  // ---------- search ----------
  var searchInput = document.getElementById("lc-search");
  var results = document.getElementById("lc-results");
  var activeResult = -1;
  /** A name folded as the CLI folds it: case, accents and apostrophes do not count
   *  ("jose" finds José, "oneill" O'Neill). */
  function fold(text) {
    return str(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/['\u2018\u2019\u02bc`\u00b4"\u201c\u201d.]/g, "").replace(/\s+/g, " ").trim();
  }
  function searchNodes(query) {
    var q = fold(query);
    if (!q) { return []; }
    var matches = [];
    DATA.nodes.forEach(function (n) {
      var best = null;
      var names = [str(n.label)].concat(list(n.aliases).map(str));
      names.forEach(function (name, i) {
        var low = fold(name);
        var score = low === q ? 0 : low.indexOf(q) === 0 ? 2
          : (" " + low).indexOf(" " + q) >= 0 ? 3 : low.indexOf(q) >= 0 ? 4 : null;
        if (score === null) { return; }
        if (i > 0) { score += 0.5; }
        if (!best || score < best.score) { best = { id: n.id, score: score, name: name }; }
      });
      if (best) { matches.push(best); }
    });
    matches.sort(function (a, b) {
      return a.score - b.score ||
        (Number(nodeById.get(b.id).mentions) || 0) - (Number(nodeById.get(a.id).mentions) || 0) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    });
    return matches.slice(0, SEARCH_RESULTS);
  }
  function hideResults() { results.hidden = true; clear(results); activeResult = -1; }
  function renderResults() {
    var matches = searchNodes(searchInput.value);
    clear(results);
    activeResult = matches.length ? 0 : -1;
    if (!searchInput.value.trim()) { results.hidden = true; return; }
    if (!matches.length) {
      append(results, el("li", "lc-sub", "No entity matches."));
    }
    matches.forEach(function (m, i) {
      var n = nodeById.get(m.id);
      var b = linkButton(str(n.label) || n.id, function () { focusNode(m.id); });
      var sub = typeName(n.type) +
        (m.name !== n.label ? " \u00b7 also \u201c" + m.name + "\u201d" : "");
      append(b, el("span", "lc-sub", sub));
      var li = append(el("li"), b);
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", i === 0 ? "true" : "false");
      li.dataset.id = m.id;
      append(results, li);
    });
    results.hidden = false;
  }
  function moveActive(delta) {
    var items = results.querySelectorAll("li[data-id]");
    if (!items.length) { return; }
    activeResult = (activeResult + delta + items.length) % items.length;
    items.forEach(function (li, i) {
      li.setAttribute("aria-selected", i === activeResult ? "true" : "false");
    });
    items[activeResult].scrollIntoView({ block: "nearest" });
  }
  searchInput.addEventListener("input", renderResults);
  searchInput.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown") { moveActive(1); ev.preventDefault(); }
    else if (ev.key === "ArrowUp") { moveActive(-1); ev.preventDefault(); }
    else if (ev.key === "Escape") { hideResults(); }
    else if (ev.key === "Enter") {
      var items = results.querySelectorAll("li[data-id]");
      if (!items.length) { renderResults(); items = results.querySelectorAll("li[data-id]"); }
      if (items.length) { focusNode(items[Math.max(0, activeResult)].dataset.id); }
      ev.preventDefault();
    }
  });
  searchInput.addEventListener("blur", function () { setTimeout(hideResults, 200); });
  searchInput.addEventListener("focus", function () {
    if (searchInput.value.trim()) { renderResults(); }
  });

  // ---------- filters & legend ----------
  function checkboxRow(parent, kind, value, text, graphic, onChange) {
    var row = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.dataset[kind] = value;
    box.addEventListener("change", function () { onChange(value, box.checked); });
    append(row, box, graphic, el("span", null, text), el("span", "lc-count"));
    append(parent, row);
  }
  var typeFilters = document.getElementById("lc-type-filters");
  presentTypes.forEach(function (t) {
    var ts = typeStyle(t);
    checkboxRow(typeFilters, "type", t, typeName(t), swatch(ts.shape, ts.color, false, false),
      function (value, on) { toggle(state.types, value, on); filtersChanged(); });
  });
  var layerFilters = document.getElementById("lc-layer-filters");
  presentLayers.forEach(function (layer) {
    var graphic = layer === ASSERTION ? swatch(null, "#1f77b4", false, true)
      : swatch(null, CO_MENTION_COLOR, own(WINDOWS, layer), true);
    var name = own(LAYER_NAMES, layer) ? LAYER_NAMES[layer] : layer;
    checkboxRow(layerFilters, "layer", layer, name, graphic,
      function (value, on) { toggle(state.layers, value, on); filtersChanged(); });
  });
  function toggle(set, value, on) { if (on) { set.add(value); } else { set.delete(value); } }

  // link weight (sentences or statements behind a link) and isolated entities
  var WEIGHT_STOPS = [0, 1, 2, 3, 5, 8, 13, 20, 30, 50, 100, 200, 500, 1000, 2000, 5000, 10000];
  var heaviest = 0;
  DATA.edges.forEach(function (e) { if (!e.ring) { heaviest = Math.max(heaviest, Number(e.weight) || 0); } });
  var weightStops = WEIGHT_STOPS.filter(function (w) { return w <= heaviest; });
  var weightSlider = document.getElementById("lc-weight");
  var weightValue = document.getElementById("lc-weight-value");
  weightSlider.max = String(Math.max(0, weightStops.length - 1));
  weightSlider.disabled = weightStops.length < 2;
  function setMinWeight(stop) {
    stop = Math.max(0, Math.min(weightStops.length - 1, stop));
    weightSlider.value = String(stop);
    state.minWeight = weightStops[stop] || 0;
    weightValue.textContent = state.minWeight ? String(state.minWeight) : "any";
  }
  weightSlider.addEventListener("input", function () {
    setMinWeight(Number(weightSlider.value));
    filtersChanged();
  });
  var isolatedBox = document.getElementById("lc-hide-isolated");
  var isolatedCount = DATA.nodes.filter(function (n) { return !n.ring && !pageLinks.get(n.id); }).length;
  document.getElementById("lc-isolated-count").textContent = String(isolatedCount);
  isolatedBox.disabled = isolatedCount === 0;
  isolatedBox.addEventListener("change", function () {
    state.hideIsolated = isolatedBox.checked;
    filtersChanged();
  });
  function setChecked(containerId, value, on) {
    var boxes = document.getElementById(containerId).querySelectorAll("input[type=checkbox]");
    boxes.forEach(function (box) {
      var v = box.dataset.type !== undefined ? box.dataset.type : box.dataset.layer;
      if (v === value && box.checked !== on) {
        box.checked = on;
        box.dispatchEvent(new Event("change"));
      }
    });
  }
  var typeTotals = tally(DATA.nodes.filter(function (n) { return !n.ring; }), "type");
  var layerTotals = tally(DATA.edges.filter(function (e) { return !e.ring; }), "layer");
  function tally(items, key) {
    var out = Object.create(null);
    items.forEach(function (item) { out[item[key]] = (out[item[key]] || 0) + 1; });
    return out;
  }
  function updateCounts() {
    var typeCount = Object.create(null);
    state.visibleNodes.forEach(function (id) {
      var t = nodeById.get(id).type; typeCount[t] = (typeCount[t] || 0) + 1;
    });
    typeFilters.querySelectorAll("label").forEach(function (row) {
      var t = row.querySelector("input").dataset.type;
      row.querySelector(".lc-count").textContent = (typeCount[t] || 0) + "/" + (typeTotals[t] || 0);
    });
    var layerCount = Object.create(null);
    state.visibleEdges.forEach(function (id) {
      var l = edgeById.get(id).layer; layerCount[l] = (layerCount[l] || 0) + 1;
    });
    layerFilters.querySelectorAll("label").forEach(function (row) {
      var l = row.querySelector("input").dataset.layer;
      row.querySelector(".lc-count").textContent = (layerCount[l] || 0) + "/" + (layerTotals[l] || 0);
    });
  }
  var stanceLegend = document.getElementById("lc-stance-legend");
  if (presentLayers.indexOf(ASSERTION) >= 0) {
    STANCE_GROUPS.forEach(function (g) {
      append(stanceLegend, append(el("div"), swatch(null, g.color, g.dashes, true),
        el("span", null, g.name)));
    });
  }
  if (highlightNodes.size) {
    append(stanceLegend, append(el("div"), swatch(null, HIGHLIGHT, false, true),
      el("span", null, "highlighted path")));
    var pathList = document.getElementById("lc-path");
    DATA.highlight.nodes.forEach(function (id) {
      append(pathList, append(el("li"), linkButton(label(id), function () { focusNode(id); })));
    });
    document.getElementById("lc-path-section").hidden = false;
  }

  var sourceSelect = document.getElementById("lc-source");
  function option(parent, value, text) {
    var o = el("option", null, text); o.value = value; append(parent, o);
  }
  option(sourceSelect, "", "All sources");
  var outletSet = new Set();
  var docSet = new Set();
  DATA.edges.forEach(function (e) {
    list(e.outlets).forEach(function (o) { outletSet.add(str(o)); });
    list(e.documents).forEach(function (d) { docSet.add(str(d)); });
  });
  if (outletSet.size) {
    var og = el("optgroup"); og.label = "Outlet";
    Array.from(outletSet).sort().forEach(function (o) { option(og, "outlet:" + o, o); });
    append(sourceSelect, og);
  }
  if (docSet.size) {
    var dg = el("optgroup"); dg.label = "Document";
    Array.from(docSet).sort(function (a, b) {
      var ia = docInfo(a), ib = docInfo(b);
      return str(ia.outlet).localeCompare(str(ib.outlet)) ||
        str(ia.title).localeCompare(str(ib.title));
    }).forEach(function (d) {
      var info = docInfo(d);
      option(dg, "doc:" + d, clip(citation(info.title, info.outlet, info.date), 90));
    });
    append(sourceSelect, dg);
  }
  function onSourceChange() { state.source = sourceSelect.value; filtersChanged(); }
  sourceSelect.addEventListener("change", onSourceChange);

  var statsEl = document.getElementById("lc-stats");
  var pageNodeCount = DATA.nodes.filter(function (n) { return !n.ring; }).length;
  var pageEdgeCount = DATA.edges.filter(function (e) { return !e.ring; }).length;
  function updateStats() {
    var shownRing = 0, shownRingLinks = 0;
    state.visibleNodes.forEach(function (id) { if (nodeById.get(id).ring) { shownRing += 1; } });
    state.visibleEdges.forEach(function (id) { if (edgeById.get(id).ring) { shownRingLinks += 1; } });
    statsEl.textContent = "Showing " + state.visibleNodes.size + " of " + (pageNodeCount + shownRing) +
      " entities \u00b7 " + state.visibleEdges.size + " of " + (pageEdgeCount + shownRingLinks) + " links";
    showHidden();
  }

  document.getElementById("lc-fit").addEventListener("click", function () {
    fitAll(true);
  });
  document.getElementById("lc-reset").addEventListener("click", function () {
    state.types = new Set(presentTypes);
    state.layers = new Set(presentLayers);
    state.source = "";
    sourceSelect.value = "";
    setMinWeight(0);
    state.hideIsolated = false;
    isolatedBox.checked = false;
    ringAnchor.clear();
    document.querySelectorAll("#lc-controls input[type=checkbox][data-type], " +
      "#lc-controls input[type=checkbox][data-layer]").forEach(function (b) { b.checked = true; });
    searchInput.value = "";
    hideResults();
    hideTooltip();
    expandAll();
    apply();
    clearFocus();  // selection and panel too: Reset resets everything
    fitAll(true);
  });
  var physicsBox = document.getElementById("lc-physics");
  physicsBox.addEventListener("change", function () {
    network.setOptions({ physics: { enabled: physicsBox.checked } });
  });

  document.getElementById("lc-title").textContent = str(DATA.title);
  showHint();
  updateStats();  // the items were made with the opening state: nothing to send to vis
  updateCounts();
  if (typeof DATA.focus === "string" && nodeById.has(DATA.focus)) {  // --focus: open on it
    focusNode(DATA.focus, false);
  }
})();
