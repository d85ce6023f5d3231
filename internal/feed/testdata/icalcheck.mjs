// icalcheck parses iCalendar files with ical.js (npm "ical.js", tested with 2.2.1) and
// checks what coexport promises: one VCALENDAR with VERSION 2.0 and a PRODID, and for each
// VEVENT a UID, a DTSTAMP, an all-day DTSTART and a DTEND on the next day, a SUMMARY and a
// URL. It exits 1 on the first file that fails, 2 on bad usage.
//
//   npm install --no-save ical.js@2.2.1     (anywhere above this file, or set ICALJS)
//   node internal/feed/testdata/icalcheck.mjs file.ics…
//
// ICALJS may give the path of ical.js's ES module (node_modules/ical.js/dist/ical.js)
// when the package is installed elsewhere.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node icalcheck.mjs file.ics…");
  process.exit(2);
}

const ICAL = (await import(process.env.ICALJS ? pathToFileURL(process.env.ICALJS).href : "ical.js")).default;

function check(file) {
  const text = readFileSync(file, "utf8");
  const root = new ICAL.Component(ICAL.parse(text));
  if (root.name !== "vcalendar") throw new Error(`top component is ${root.name}`);
  if (root.getFirstPropertyValue("version") !== "2.0") throw new Error("VERSION is not 2.0");
  if (!root.getFirstPropertyValue("prodid")) throw new Error("no PRODID");
  const uids = new Set();
  const events = root.getAllSubcomponents("vevent");
  for (const vevent of events) {
    const ev = new ICAL.Event(vevent);
    const where = `event ${ev.uid}`;
    if (!ev.uid) throw new Error("event without UID");
    if (uids.has(ev.uid)) throw new Error(`duplicate UID ${ev.uid}`);
    uids.add(ev.uid);
    if (!vevent.getFirstPropertyValue("dtstamp")) throw new Error(`${where}: no DTSTAMP`);
    if (!ev.startDate || !ev.startDate.isDate) throw new Error(`${where}: DTSTART is not a date`);
    const next = ev.startDate.clone();
    next.adjust(1, 0, 0, 0);
    if (!ev.endDate || !ev.endDate.isDate || ev.endDate.compare(next) !== 0) {
      throw new Error(`${where}: DTEND ${ev.endDate} is not the day after DTSTART ${ev.startDate}`);
    }
    if (!ev.summary) throw new Error(`${where}: no SUMMARY`);
    if (!vevent.getFirstPropertyValue("url")) throw new Error(`${where}: no URL`);
  }
  return events.length;
}

for (const file of files) {
  try {
    const n = check(file);
    console.log(`${file}: ok, ${n} event(s)`);
  } catch (err) {
    console.error(`${file}: ${err.message}`);
    process.exit(1);
  }
}
