/* newskg interactive view. Every string from the graph is untrusted article text:
   it reaches the page only through textContent and DOM properties, never as HTML. */
(function () {
  "use strict";

  var timings = { start: performance.now() };
  var data = JSON.parse(document.getElementById("newskg-data").textContent);
  data.nodes.forEach(function (node) { if (node.name === undefined) node.name = node.label; });
  data.edges = edgeRecords(data.edges);
  timings.parsed = performance.now();

  /* Edges arrive as columns (see graph/html.py edge_columns); rebuild one record per edge. */
  function edgeRecords(columns) {
    var KINDS = ["relation", "co_mention", "mention"];
    var sparse = function (name) { return columns[name] || {}; };
    var weights = sparse("weight"), dates = sparse("dates"), former = sparse("former");
    var records = new Array(columns.count);
    for (var i = 0; i < columns.count; i++) {
      var record = {
        id: "e" + i, from: data.nodes[columns.from[i]].id, to: data.nodes[columns.to[i]].id, kind: KINDS[columns.kind[i]],
        width: columns.width[i], sources: columns.sources[i]
      };
      if (record.kind === "relation") {
        record.predicate = columns.predicates[columns.predicate[i]];
        record.confidence = columns.confidence[i];
        if (former[i]) record.former = true;
      }
      if (weights[i] !== undefined) record.weight = weights[i];
      if (dates[i] !== undefined) record.dates = dates[i];
      records[i] = record;
    }
    return records;
  }
  /* Evidence, sources and authors are parsed only when a details panel first needs them. */
  var detailsCache = null;
  function details() {
    if (!detailsCache) detailsCache = JSON.parse(document.getElementById("newskg-details").textContent);
    return detailsCache;
  }
  var TYPE_ORDER = ["Person", "Organization", "Place", "Other", "Document"];
  var GLYPHS = { dot: "\u25CF", diamond: "\u25C6", triangle: "\u25B2", square: "\u25A0", star: "\u2605" };

  function $(id) { return document.getElementById(id); }

  /* Build an element; text goes in as textContent only. */
  function el(tag, options, children) {
    var node = document.createElement(tag);
    options = options || {};
    if (options.text !== undefined && options.text !== null) node.textContent = String(options.text);
    if (options.className) node.className = options.className;
    if (options.title) node.title = String(options.title);
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function typeStyle(type) { return data.typeStyles[type] || data.typeStyles.Other; }

  /* Colour objects are shared between items: vis-network copies what it needs. */
  var colourObjects = new Map();
  function nodeColourObject(background) {
    if (!colourObjects.has(background)) {
      colourObjects.set(background, { background: background, border: "#333333", highlight: { background: "#ffd54f", border: "#111111" } });
    }
    return colourObjects.get(background);
  }
  var edgeColourObjects = new Map();
  function edgeColourObject(colour, opacity) {
    var key = colour + "/" + opacity;
    if (!edgeColourObjects.has(key)) edgeColourObjects.set(key, { color: colour, opacity: opacity, highlight: "#111111" });
    return edgeColourObjects.get(key);
  }
  var NO_COMMUNITY = "#c7c7c7";
  function communityColour(community) { return data.communityColours[community % data.communityColours.length]; }
  function nodeColour(node) {
    if (state.colourBy === "community") {
      if (node.type === "Document") return nodeColourObject(typeStyle("Document").color);
      return nodeColourObject(node.community === undefined ? NO_COMMUNITY : communityColour(node.community));
    }
    return nodeColourObject(typeStyle(node.type).color);
  }
  function shorten(text, length) { return text.length <= length ? text : text.slice(0, length - 1) + "\u2026"; }
  var RELATION_CURVE = { enabled: true, type: "curvedCW", roundness: 0.15 };
  /* Predicate labels on thousands of edges cost a third of every frame and read as noise;
     they appear once the view narrows to this many edges (colour still tells predicates apart). */
  var EDGE_LABEL_LIMIT = 2000;
  var edgeLabels = true;
  var NO_ARROW = { to: { enabled: false } };
  /* On big graphs arrowheads are drawn only from this zoom up: further out they are specks. */
  var ARROW_SCALE = 0.3;

  /* The vis-network item for a node or edge record: only what drawing needs. */
  function visNode(node) {
    return { id: node.id, label: node.label, x: node.x, y: node.y, size: node.size, shape: typeStyle(node.type).shape, color: nodeColour(node) };
  }
  function visEdge(edge) {
    var item = { id: edge.id, from: edge.from, to: edge.to, kind: edge.kind };
    if (edge.kind === "relation") {
      item.predicate = edge.predicate;
      item.label = edgeLabels ? shorten(edge.predicate, 32) : "";
      item.color = edgeColourObject(data.predicateColours[edge.predicate] || "#555555", 1);
      item.width = edge.width;
      item.dashes = !!edge.former;
      if (!data.large) item.smooth = RELATION_CURVE;
    } else if (edge.kind === "co_mention") {
      item.arrows = NO_ARROW;
      item.width = edge.width;
      item.color = edgeColourObject(data.colours.coMention, 0.6);
    } else {
      item.arrows = NO_ARROW;
      item.width = 0.6;
      item.dashes = [2, 4];
      item.color = edgeColourObject(data.colours.mention, 1);
    }
    return item;
  }

  var nodeById = new Map();
  data.nodes.forEach(function (node) { nodeById.set(node.id, node); });
  var edgeById = new Map();
  var edgesByNode = new Map();
  data.nodes.forEach(function (node) { edgesByNode.set(node.id, []); });
  data.edges.forEach(function (edge) {
    edgeById.set(edge.id, edge);
    edgesByNode.get(edge.from).push(edge);
    edgesByNode.get(edge.to).push(edge);
  });

  var typesPresent = TYPE_ORDER.filter(function (type) {
    return data.nodes.some(function (node) { return node.type === type; });
  });
  var predicates = Object.keys(data.predicateColours);
  var maxSources = data.edges.reduce(function (most, edge) { return Math.max(most, edge.sources || 0); }, 1);

  var state = {
    types: new Set(typesPresent),
    predicates: new Set(predicates),
    coMentions: false,
    mentions: true,
    minConfidence: 0,
    minSources: 1,
    limit: data.maxNodes > 0 ? data.maxNodes : Infinity,
    focus: null,
    focusDepth: 0,
    pinned: new Set(),
    rankBy: data.rankBy === "pagerank" ? "pagerank" : "degree",
    colourBy: "type",
    dateFrom: "",
    dateTo: "",
    keepUndated: true
  };

  function rankOf(node) { return state.rankBy === "pagerank" ? node.prRank : node.rank; }

  /* Dates are ISO strings (day, month or year), so they compare as text. */
  function datesPass(dates) {
    if (!state.dateFrom && !state.dateTo) return true;
    if (!dates || !dates.length) return state.keepUndated;
    for (var i = 0; i < dates.length; i++) {
      if ((!state.dateFrom || dates[i] >= state.dateFrom) && (!state.dateTo || dates[i].slice(0, 10) <= state.dateTo)) return true;
    }
    return false;
  }

  function edgePasses(edge) {
    if (!datesPass(edge.dates)) return false;
    if (edge.kind === "relation") {
      return state.predicates.has(edge.predicate) && edge.confidence >= state.minConfidence - 1e-9 && edge.sources >= state.minSources;
    }
    if (edge.kind === "co_mention") return state.coMentions && edge.sources >= state.minSources;
    return state.mentions;
  }

  function nodeAllowed(node) { return state.pinned.has(node.id) || (state.types.has(node.type) && datesPass(node.dates)); }

  function neighbourhood(start, depth) {
    var reached = new Set([start]);
    var frontier = [start];
    for (var hop = 0; hop < depth; hop++) {
      var next = [];
      frontier.forEach(function (id) {
        edgesByNode.get(id).forEach(function (edge) {
          if (!edgePasses(edge)) return;
          var other = edge.from === id ? edge.to : edge.from;
          if (!reached.has(other) && nodeAllowed(nodeById.get(other))) { reached.add(other); next.push(other); }
        });
      });
      frontier = next;
    }
    return reached;
  }

  function visibleNodeIds() {
    if (state.focus) return neighbourhood(state.focus.id, state.focus.depth);
    var visible = new Set();
    data.nodes.forEach(function (node) {
      if (state.pinned.has(node.id) || (rankOf(node) < state.limit && state.types.has(node.type) && datesPass(node.dates))) visible.add(node.id);
    });
    return visible;
  }

  function computeVisibility() {
    var nodesShown = visibleNodeIds();
    var edgesShown = new Set();
    data.edges.forEach(function (edge) {
      if (nodesShown.has(edge.from) && nodesShown.has(edge.to) && edgePasses(edge)) edgesShown.add(edge.id);
    });
    return { nodes: nodesShown, edges: edgesShown };
  }

  /* The DataSets hold only what is shown: vis-network's cost follows the items it
     holds, hidden or not, so filters add and remove items rather than hide them. */
  var shown = computeVisibility();
  edgeLabels = shown.edges.size <= EDGE_LABEL_LIMIT;
  var nodeSet = new vis.DataSet(data.nodes.filter(function (node) { return shown.nodes.has(node.id); }).map(visNode));
  var edgeSet = new vis.DataSet(data.edges.filter(function (edge) { return shown.edges.has(edge.id); }).map(visEdge));
  timings.dataSets = performance.now();

  var container = $("network");
  var arrowsShown = !data.large;
  if (data.large) data.options.edges.arrows.to.enabled = false;
  var network = new vis.Network(container, { nodes: nodeSet, edges: edgeSet }, data.options);
  function updateArrows() {
    var wanted = !data.large || network.getScale() >= ARROW_SCALE;
    if (wanted === arrowsShown) return;
    arrowsShown = wanted;
    // Relation edges inherit this option, so one change reaches them all.
    network.setOptions({ edges: { arrows: { to: { enabled: wanted } } } });
  }
  network.on("zoom", updateArrows);
  network.on("animationFinished", updateArrows);
  timings.network = performance.now();

  /* A white background, so an exported PNG is not transparent. */
  network.on("beforeDrawing", function (context) {
    context.save();
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, context.canvas.width, context.canvas.height);
    context.restore();
  });
  network.once("afterDrawing", function () {
    $("loading").hidden = true;
    window.newskg.readyAt = timings.drawn = performance.now();
    document.body.setAttribute("data-ready", "true");
  });

  function refresh() {
    var next = computeVisibility();
    var nodesGone = [], nodesNew = [], edgesGone = [], edgesNew = [];
    shown.nodes.forEach(function (id) { if (!next.nodes.has(id)) nodesGone.push(id); });
    next.nodes.forEach(function (id) { if (!shown.nodes.has(id)) nodesNew.push(visNode(nodeById.get(id))); });
    shown.edges.forEach(function (id) { if (!next.edges.has(id)) edgesGone.push(id); });
    next.edges.forEach(function (id) { if (!shown.edges.has(id)) edgesNew.push(visEdge(edgeById.get(id))); });
    if (nodesGone.length) {
      // Keep where a node was (physics or dragging may have moved it) for when it returns.
      var positions = network.getPositions(nodesGone);
      nodesGone.forEach(function (id) {
        var node = nodeById.get(id);
        if (positions[id]) { node.x = positions[id].x; node.y = positions[id].y; }
      });
    }
    shown = next;
    var labelsWanted = shown.edges.size <= EDGE_LABEL_LIMIT;
    if (labelsWanted !== edgeLabels) {
      edgeLabels = labelsWanted;
      var relabelled = [];
      edgeSet.forEach(function (item) {
        if (item.kind === "relation" && shown.edges.has(item.id)) relabelled.push({ id: item.id, label: edgeLabels ? shorten(item.predicate, 32) : "" });
      });
      if (relabelled.length) edgeSet.update(relabelled);
    }
    if (edgesGone.length) edgeSet.remove(edgesGone);
    if (nodesGone.length) nodeSet.remove(nodesGone);
    if (nodesNew.length) nodeSet.add(nodesNew);
    if (edgesNew.length) edgeSet.add(edgesNew);
    updateCounts();
    updateNotice();
  }

  function updateCounts() {
    $("count-nodes-total").textContent = String(data.totals.nodes);
    $("count-edges-total").textContent = String(data.totals.edges);
    $("count-nodes-shown").textContent = String(shown.nodes.size);
    $("count-edges-shown").textContent = String(shown.edges.size);
  }

  function updateNotice() {
    var limited = !state.focus && state.limit < data.nodes.length;
    $("notice").hidden = !limited;
    if (limited) {
      $("notice-text").textContent = "Large graph: showing the " + Math.min(state.limit, data.nodes.length).toLocaleString("en") +
        " best-connected (by " + (state.rankBy === "pagerank" ? "PageRank" : "degree") + ") of " +
        data.nodes.length.toLocaleString("en") + " nodes. Search reaches every node.";
    }
  }

  /* ---------- selection, focus and the details panel ---------- */

  function nameOf(id) { var node = nodeById.get(id); return node ? node.name : String(id); }

  function nodeButton(id) {
    var button = el("button", { className: "link", text: nameOf(id) });
    button.type = "button";
    button.addEventListener("click", function () { selectNode(id, { focusCamera: true }); });
    return button;
  }

  function definitionList(rows) {
    var list = el("dl");
    rows.forEach(function (row) {
      if (row[1] === null || row[1] === undefined || row[1] === "") return;
      list.appendChild(el("dt", { text: row[0] }));
      var value = row[1] instanceof Node ? row[1] : el("span", { text: row[1] });
      list.appendChild(el("dd", {}, [value]));
    });
    return list;
  }

  function sourceLine(docId) {
    var doc = details().nodes[docId];
    if (!doc) return el("span", { className: "source", text: docId });
    var parts = [doc.publisher, doc.date].filter(Boolean).join(" \u00B7 ");
    var line = el("span", { className: "source" });
    var headline = el("button", { className: "link", text: doc.title || doc.source || docId });
    headline.type = "button";
    headline.addEventListener("click", function () { selectNode(docId, { focusCamera: true }); });
    line.appendChild(headline);
    if (parts) line.appendChild(document.createTextNode(" \u2014 " + parts));
    return line;
  }

  function externalLink(url) {
    // Only web addresses become links: never javascript:, data: or anything else.
    if (typeof url !== "string" || !/^https?:\/\//i.test(url)) return url ? el("span", { text: url }) : null;
    var link = el("a", { text: url });
    link.href = url;
    link.target = "_blank";
    link.rel = "noopener noreferrer";
    return link;
  }

  function openDetails(children) {
    var body = $("details-body");
    body.replaceChildren.apply(body, children);
    $("details").hidden = false;
    $("details").scrollTop = 0;
  }

  function neighbourhoodButtons(id) {
    var box = el("div", { className: "buttons" });
    [1, 2].forEach(function (depth) {
      var button = el("button", { text: "Show " + depth + "-hop neighbourhood" });
      button.type = "button";
      button.addEventListener("click", function () { focusNeighbourhood(id, depth); });
      box.appendChild(button);
    });
    return box;
  }

  function showNodeDetails(id) {
    var node = nodeById.get(id);
    var info = details().nodes[id] || {};
    var badge = el("span", { className: "type-badge", text: node.type });
    badge.style.background = typeStyle(node.type).color;
    var children = [el("h2", { text: node.name }), badge];
    if (info.kind === "document") {
      children.push(definitionList([
        ["Kind", info.docKind], ["Publisher", info.publisher], ["Date", info.date],
        ["Authors", (info.authors || []).join(", ")], ["Source", info.source], ["URL", externalLink(info.url)],
        ["Listed by", info.parent ? nodeButton(info.parent) : null]
      ]));
      var named = edgesByNode.get(id).filter(function (edge) { return edge.kind === "mention"; });
      children.push(el("h3", { text: "Names in this source (" + named.length + ")" }));
      children.push(el("ul", {}, named.map(function (edge) { return el("li", {}, [nodeButton(edge.from)]); })));
    } else {
      var dates = node.dates || [];
      children.push(definitionList([
        ["Id", id], ["Mentions", String(info.mentionCount)], ["Sources", String((info.docIds || []).length)],
        ["First seen", dates[0]], ["Last seen", dates.length > 1 ? dates[dates.length - 1] : null],
        ["Community", node.community === undefined ? null : String(node.community)]
      ].concat(Object.keys(info.extra || {}).map(function (key) { return [key, String(info.extra[key])]; }))));
      children.push(el("h3", { text: "Aliases" }));
      children.push((node.aliases || []).length
        ? el("ul", {}, node.aliases.map(function (alias) { return el("li", { text: alias }); }))
        : el("p", { className: "empty", text: "none" }));
      children.push(el("h3", { text: "Sources" }));
      children.push(el("ul", {}, (info.docIds || []).map(function (docId) { return el("li", {}, [sourceLine(docId)]); })));
      var relations = edgesByNode.get(id).filter(function (edge) { return edge.kind === "relation"; });
      if (relations.length) {
        children.push(el("h3", { text: "Relations" }));
        children.push(el("ul", {}, relations.map(function (edge) {
          var button = el("button", { className: "link", text: nameOf(edge.from) + " \u2014" + edge.predicate + "\u2192 " + nameOf(edge.to) });
          button.type = "button";
          button.addEventListener("click", function () { selectEdge(edge.id); });
          return el("li", {}, [button]);
        })));
      }
    }
    children.push(neighbourhoodButtons(id));
    openDetails(children);
  }

  function documentDates(docId) { var doc = nodeById.get(docId); return doc ? doc.dates : undefined; }

  function evidenceList(evidence, showMethod) {
    return el("ol", { className: "evidence" }, evidence.map(function (record) {
      var quote = el("blockquote");
      // Spans count code points (graph/html.py highlight_spans): slice an array of them.
      var characters = Array.from(details().sentences[record.sentence] || "");
      var cursor = 0;
      (record.spans || []).forEach(function (span) {
        if (span[0] > cursor) quote.appendChild(document.createTextNode(characters.slice(cursor, span[0]).join("")));
        quote.appendChild(el("mark", { text: characters.slice(span[0], span[1]).join("") }));
        cursor = span[1];
      });
      if (cursor < characters.length || !cursor) quote.appendChild(document.createTextNode(characters.slice(cursor).join("")));
      var meta = [];
      if (showMethod && record.method) meta.push("method: " + record.method);
      if (showMethod && typeof record.confidence === "number") meta.push("confidence " + record.confidence.toFixed(2));
      if (record.role) meta.push("role: " + record.role);
      if (record.time) meta.push("time: " + record.time);
      var inRange = datesPass(documentDates(record.docId));
      if (!inRange) meta.push("outside the selected dates");
      return el("li", { className: inRange ? "" : "out-of-range" }, [quote, sourceLine(record.docId), meta.length ? el("div", { className: "meta", text: meta.join(" \u00B7 ") }) : null]);
    }));
  }

  function showEdgeDetails(edgeId) {
    var edge = edgeById.get(edgeId);
    var info = details().edges[edgeId];
    var ends = el("p", {}, [nodeButton(edge.from), document.createTextNode(
      edge.kind === "relation" ? " \u2014" + edge.predicate + "\u2192 " : edge.kind === "mention" ? " named in " : " and "), nodeButton(edge.to)]);
    var children = [];
    if (edge.kind === "relation") {
      children.push(el("h2", { text: edge.predicate }), ends, definitionList([
        ["Confidence", typeof edge.confidence === "number" ? edge.confidence.toFixed(2) : null],
        ["Sources", String(edge.sources)], ["Methods", (info.methods || []).join(", ")],
        ["Role", info.role], ["Former", info.former ? "yes" : null], ["Time", info.time],
        ["First seen", info.firstSeen], ["Last seen", info.lastSeen],
        ["Source dates", (edge.dates || []).join(", ")]
      ]));
    } else if (edge.kind === "co_mention") {
      children.push(el("h2", { text: "Co-mentioned" }), ends,
        definitionList([["Sentences", String(edge.weight)], ["Sources", String(edge.sources)],
          ["First seen", (edge.dates || [])[0]], ["Last seen", edge.dates && edge.dates.length > 1 ? edge.dates[edge.dates.length - 1] : null]]));
    } else {
      children.push(el("h2", { text: "Mention" }), ends, definitionList([["Times", String(info.count)], ["As written", (info.forms || []).join("; ")]]));
    }
    if (info.evidence) {
      children.push(el("h3", { text: "Evidence (" + info.evidence.length + ")" }));
      children.push(evidenceList(info.evidence, edge.kind === "relation"));
    }
    openDetails(children);
  }

  function selectEdge(edgeId) {
    var edge = edgeById.get(edgeId);
    if (!shown.edges.has(edgeId)) {
      state.pinned.add(edge.from);
      state.pinned.add(edge.to);
      refresh();
    }
    // Still hidden (its dates or predicate are filtered out): show its details without selecting it.
    if (shown.edges.has(edgeId)) network.selectEdges([edgeId]);
    showEdgeDetails(edgeId);
  }

  function selectNode(id, options) {
    if (!nodeById.has(id)) return;
    if (state.focus && !shown.nodes.has(id)) state.focus = null;
    if (!shown.nodes.has(id)) state.pinned.add(id);
    refresh();
    network.selectNodes([id]);
    if (options && options.focusCamera) {
      network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: cameraAnimation() });
      updateArrows();
    }
    window.newskg.focused = id;
    showNodeDetails(id);
  }

  /* A glide on small views; on big ones each frame of it is a full redraw, so jump. */
  function cameraAnimation() {
    return shown.edges.size + shown.nodes.size > 4000 ? false : { duration: 350, easingFunction: "easeInOutQuad" };
  }

  function focusNeighbourhood(id, depth) {
    state.focus = { id: id, depth: depth };
    refresh();
    network.selectNodes([id]);
    network.fit({ nodes: Array.from(shown.nodes), animation: cameraAnimation() });
    updateArrows();
  }

  function resetView() {
    state.focus = null;
    state.pinned.clear();
    refresh();
    network.unselectAll();
    $("details").hidden = true;
    $("search").value = "";
    hideSuggestions();
    window.newskg.focused = null;
    network.fit({ animation: false });
    updateArrows();
  }

  network.on("click", function (params) {
    if (params.nodes.length) {
      var id = params.nodes[0];
      if (state.focusDepth > 0) focusNeighbourhood(id, state.focusDepth);
      window.newskg.focused = id;
      showNodeDetails(id);
    } else if (params.edges.length) {
      showEdgeDetails(params.edges[0]);
    } else {
      $("details").hidden = true;
    }
  });

  /* ---------- search with autocomplete ---------- */

  var searchIndex = data.nodes.map(function (node) {
    return { id: node.id, name: node.name, lower: node.name.toLowerCase(), aliases: (node.aliases || []).map(function (a) { return String(a).toLowerCase(); }), type: node.type, degree: node.degree };
  });
  var suggestions = [];
  var activeSuggestion = -1;

  function matchScore(entry, query) {
    if (entry.lower === query) return 0;
    if (entry.lower.indexOf(query) === 0) return 1;
    var at = entry.lower.indexOf(query);
    if (at > 0 && /[\s\-'(]/.test(entry.lower.charAt(at - 1))) return 2;
    if (at > 0) return 3;
    if (entry.aliases.some(function (alias) { return alias.indexOf(query) >= 0; })) return 4;
    return -1;
  }

  function findMatches(query) {
    query = query.trim().toLowerCase();
    if (!query) return [];
    var scored = [];
    searchIndex.forEach(function (entry) {
      var score = matchScore(entry, query);
      if (score >= 0) scored.push([score, entry]);
    });
    scored.sort(function (a, b) { return a[0] - b[0] || b[1].degree - a[1].degree || a[1].lower.localeCompare(b[1].lower); });
    return scored.slice(0, 15).map(function (pair) { return pair[1]; });
  }

  function hideSuggestions() {
    $("suggestions").hidden = true;
    $("search").setAttribute("aria-expanded", "false");
    activeSuggestion = -1;
  }

  function renderSuggestions() {
    var list = $("suggestions");
    list.replaceChildren.apply(list, suggestions.map(function (entry, index) {
      var swatch = el("span", { className: "swatch", text: GLYPHS[typeStyle(entry.type).shape] || "\u25CF" });
      swatch.style.color = typeStyle(entry.type).color;
      var item = el("li", {}, [swatch, el("span", { className: "name", text: entry.name }), el("span", { className: "type", text: entry.type })]);
      item.setAttribute("role", "option");
      item.setAttribute("data-id", entry.id);
      if (index === activeSuggestion) item.className = "active";
      // mousedown, not click: the input's blur would hide the list first.
      item.addEventListener("mousedown", function (event) { event.preventDefault(); chooseSuggestion(index); });
      return item;
    }));
    list.hidden = suggestions.length === 0;
    $("search").setAttribute("aria-expanded", suggestions.length ? "true" : "false");
  }

  function chooseSuggestion(index) {
    var entry = suggestions[index >= 0 ? index : 0];
    if (!entry) return;
    $("search").value = entry.name;
    hideSuggestions();
    selectNode(entry.id, { focusCamera: true });
  }

  $("search").addEventListener("input", function () {
    suggestions = findMatches(this.value);
    activeSuggestion = -1;
    renderSuggestions();
  });
  $("search").addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!suggestions.length) return;
      event.preventDefault();
      var step = event.key === "ArrowDown" ? 1 : -1;
      activeSuggestion = (activeSuggestion + step + suggestions.length) % suggestions.length;
      renderSuggestions();
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (!suggestions.length) suggestions = findMatches(this.value);
      chooseSuggestion(activeSuggestion);
    } else if (event.key === "Escape") {
      hideSuggestions();
    }
  });
  $("search").addEventListener("blur", hideSuggestions);

  /* ---------- filters and controls ---------- */

  function countOf(type) { return data.nodes.filter(function (node) { return node.type === type; }).length; }

  typesPresent.forEach(function (type) {
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.id = "type-" + type;
    box.setAttribute("data-type", type);
    box.addEventListener("change", function () {
      if (this.checked) state.types.add(type); else state.types.delete(type);
      refresh();
    });
    var swatch = el("span", { className: "swatch type-swatch", text: GLYPHS[typeStyle(type).shape] || "\u25CF" });
    swatch.style.color = typeStyle(type).color;
    swatch.setAttribute("data-type", type);
    $("type-filters").appendChild(el("label", { className: "row" }, [box, swatch, el("span", { text: type }), el("span", { className: "count", text: String(countOf(type)) })]));
  });

  if (!predicates.length) {
    $("predicate-filters").appendChild(el("p", { className: "empty", text: "No typed relations in this graph." }));
  }
  predicates.forEach(function (predicate) {
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.setAttribute("data-predicate", predicate);
    box.className = "predicate-filter";
    box.addEventListener("change", function () {
      if (this.checked) state.predicates.add(predicate); else state.predicates.delete(predicate);
      refresh();
    });
    var swatch = el("span", { className: "swatch line" });
    swatch.style.borderTopColor = data.predicateColours[predicate];
    var count = data.edges.filter(function (edge) { return edge.predicate === predicate; }).length;
    $("predicate-filters").appendChild(el("label", { className: "row" }, [box, swatch, el("span", { text: predicate }), el("span", { className: "count", text: String(count) })]));
  });

  $("show-co-mentions").addEventListener("change", function () { state.coMentions = this.checked; refresh(); });
  $("show-mentions").addEventListener("change", function () { state.mentions = this.checked; refresh(); });
  $("min-confidence").addEventListener("input", function () {
    state.minConfidence = parseFloat(this.value);
    $("min-confidence-value").textContent = state.minConfidence.toFixed(2);
    refresh();
  });
  $("min-sources").max = String(maxSources);
  $("min-sources").addEventListener("input", function () {
    state.minSources = parseInt(this.value, 10);
    $("min-sources-value").textContent = String(state.minSources);
    refresh();
  });
  $("focus-depth").addEventListener("change", function () { state.focusDepth = parseInt(this.value, 10); });
  $("reset").addEventListener("click", resetView);
  $("close-details").addEventListener("click", function () { $("details").hidden = true; network.unselectAll(); });
  $("physics").addEventListener("change", function () { network.setOptions({ physics: { enabled: this.checked } }); });
  $("show-more").addEventListener("click", function () { state.limit += data.maxNodes; refresh(); });
  $("show-all").addEventListener("click", function () { state.limit = Infinity; refresh(); });
  $("rank-by").value = state.rankBy;
  $("rank-by").addEventListener("change", function () { state.rankBy = this.value; refresh(); });

  /* ---------- colour by type or community ---------- */

  var communities = new Map();
  data.nodes.forEach(function (node) {
    if (node.community === undefined) return;
    if (!communities.has(node.community)) communities.set(node.community, []);
    communities.get(node.community).push(node);
  });
  var LEGEND_COMMUNITIES = 12;

  function renderCommunityLegend() {
    var ordered = Array.from(communities.keys()).sort(function (a, b) { return communities.get(b).length - communities.get(a).length || a - b; });
    var rows = ordered.slice(0, LEGEND_COMMUNITIES).map(function (community) {
      var members = communities.get(community).slice().sort(function (a, b) { return b.mentions - a.mentions || a.name.localeCompare(b.name); });
      var swatch = el("span", { className: "swatch", text: "\u25CF" });
      swatch.style.color = communityColour(community);
      var row = el("div", { className: "row" }, [swatch, el("span", { className: "members", text: members.slice(0, 3).map(function (m) { return m.name; }).join(", "), title: members.map(function (m) { return m.name; }).join(", ") }),
        el("span", { className: "count", text: String(members.length) })]);
      row.setAttribute("data-community", String(community));
      return row;
    });
    if (ordered.length > LEGEND_COMMUNITIES) {
      rows.push(el("p", { className: "hint", text: (ordered.length - LEGEND_COMMUNITIES) + " smaller communities (colours repeat)" }));
    }
    var legend = $("community-legend");
    legend.replaceChildren.apply(legend, [el("h2", { className: "heading", text: "Communities (" + ordered.length + ")" })].concat(rows));
  }

  function setColourBy(mode) {
    state.colourBy = mode;
    nodeSet.update(nodeSet.getIds().map(function (id) { return { id: id, color: nodeColour(nodeById.get(id)) }; }));
    // By community, colour is the community's; the type list still gives the shapes.
    document.querySelectorAll("#type-filters .type-swatch").forEach(function (swatch) {
      swatch.style.color = mode === "community" ? "#555555" : typeStyle(swatch.getAttribute("data-type")).color;
    });
    if (mode === "community" && !$("community-legend").firstChild) renderCommunityLegend();
    $("community-legend").hidden = mode !== "community";
    $("colour-by").value = mode;
  }
  if (!communities.size) {
    $("colour-by").querySelector('option[value="community"]').disabled = true;
    $("colour-by").title = "This graph has no communities (built before they were computed).";
  }
  $("colour-by").addEventListener("change", function () { setColourBy(this.value); });

  /* ---------- date range ---------- */

  function onDatesChanged() {
    state.dateFrom = $("date-from").value || "";
    state.dateTo = $("date-to").value || "";
    state.keepUndated = $("keep-undated").checked;
    refresh();
  }
  if (data.dateRange) {
    ["date-from", "date-to"].forEach(function (id) {
      $(id).min = data.dateRange[0].slice(0, 10);
      $(id).max = data.dateRange[1].slice(0, 10);
      $(id).addEventListener("change", onDatesChanged);
      $(id).addEventListener("input", onDatesChanged);
    });
    $("keep-undated").addEventListener("change", onDatesChanged);
    $("date-span").textContent = "Sources from " + data.dateRange[0] + " to " + data.dateRange[1] + ". Empty means open-ended.";
  } else {
    $("date-filter").hidden = true;
  }
  $("export-png").addEventListener("click", function () {
    var canvas = container.querySelector("canvas");
    var link = el("a");
    link.download = "newskg-view.png";
    link.href = canvas.toDataURL("image/png");
    document.body.appendChild(link);
    link.click();
    link.remove();
  });

  document.title = data.title;
  window.newskg = {
    network: network, nodes: nodeSet, edges: edgeSet, data: data, state: state,
    refresh: refresh, selectNode: selectNode, selectEdge: selectEdge, focusNeighbourhood: focusNeighbourhood, setColourBy: setColourBy,
    details: details, timings: timings,
    arrowsShown: function () { return arrowsShown; },
    shown: function () { return { nodes: Array.from(shown.nodes), edges: Array.from(shown.edges) }; },
    isShown: function (id) { return shown.nodes.has(id) || shown.edges.has(id); },
    focused: null, readyAt: null
  };
  updateCounts();
  updateNotice();
})();
