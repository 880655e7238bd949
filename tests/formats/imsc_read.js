// Reads a TTML document with imscJS (npm `imsc`) the way a player does: parse, then compute the
// intermediate synchronic document (ISD) at every time where the display changes. Prints JSON:
// {"errors": [...], "cues": [{"begin": s, "end": s, "lines": [[{"text", "italic", "bold", "underline", "color"}]], "region": id}]}
"use strict";
const fs = require("fs");
// The parser and the ISD generator, without the HTML renderer (which needs a browser's window).
const path = require("path");
const imsc = {
  fromXML: require(path.join(process.argv[2], "src/main/js/doc.js")).fromXML,
  generateISD: require(path.join(process.argv[2], "src/main/js/isd.js")).generateISD,
};
const text = fs.readFileSync(process.argv[3], "utf8");
const errors = [];
const report = (kind) => (message) => { errors.push(kind + ": " + message); return kind === "fatal"; };
const doc = imsc.fromXML(text, { info: () => {}, warn: report("warn"), error: report("error"), fatal: report("fatal") });
const STYLING = "http://www.w3.org/ns/ttml#styling ";
const times = doc.getMediaTimeEvents();
const cues = [];
for (let i = 0; i + 1 < times.length; i++) {
  const isd = imsc.generateISD(doc, times[i], report("error"));
  for (const region of isd.contents) {
    const lines = [[]];
    const walk = (node) => {
      if (node.kind === "br") { lines.push([]); return; }
      if (node.kind === "span" && node.text !== undefined) {
        const s = node.styleAttrs;
        lines[lines.length - 1].push({
          text: node.text,
          italic: s[STYLING + "fontStyle"] === "italic",
          bold: s[STYLING + "fontWeight"] === "bold",
          underline: !!(s[STYLING + "textDecoration"] || []).underline || (s[STYLING + "textDecoration"] || []).includes?.("underline") || false,
          color: s[STYLING + "color"] || null,
        });
        return;
      }
      for (const child of node.contents || []) walk(child);
    };
    walk(region);
    if (lines.some((line) => line.length)) {
      cues.push({ begin: times[i], end: times[i + 1], lines, region: region.id,
                  displayAlign: region.styleAttrs[STYLING + "displayAlign"] });
    }
  }
}
process.stdout.write(JSON.stringify({ errors, cues }));
