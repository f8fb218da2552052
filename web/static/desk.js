// cutline web desk. Everything here improves pages that work without it:
// selection ranges, list chips, suggestions applied in place, copy
// buttons, drag-and-drop uploads with progress. Text from photos is only
// ever put in the page with textContent, never as markup.
"use strict";
(function () {
  const body = document.body;
  body.classList.add("js");

  // "/" jumps to the search box.
  document.addEventListener("keydown", (e) => {
    const q = document.getElementById("q");
    if (e.key === "/" && q && !e.ctrlKey && !e.metaKey && !isTyping(e.target)) {
      e.preventDefault();
      q.focus();
      q.select();
    }
  });
  function isTyping(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }

  // --- Selection in the grid: click, shift-click for a range, select all.
  let last = null;
  function checkboxes() { return Array.from(document.querySelectorAll("input.sel")); }
  function select(cb, shift) {
    const all = checkboxes();
    if (shift && last && all.includes(last)) {
      const a = all.indexOf(last), b = all.indexOf(cb);
      for (let i = Math.min(a, b); i <= Math.max(a, b); i++) all[i].checked = cb.checked;
    }
    last = cb;
    refreshSelection();
  }
  function refreshSelection() {
    let n = 0;
    for (const cb of checkboxes()) {
      const card = cb.closest(".card");
      if (card) card.classList.toggle("selected", cb.checked);
      if (cb.checked) n++;
    }
    const count = document.getElementById("sel-count");
    if (count) count.textContent = String(n);
    body.classList.toggle("selecting", n > 0);
  }
  document.addEventListener("click", (e) => {
    const cb = e.target.closest("input.sel");
    if (cb) { select(cb, e.shiftKey); return; }
    // A click on a card outside its links toggles it too.
    const card = e.target.closest(".card");
    if (card && !e.target.closest("a")) {
      const c = card.querySelector("input.sel");
      if (c) { c.checked = !c.checked; select(c, e.shiftKey); }
    }
  });
  function setAll(v) { for (const cb of checkboxes()) cb.checked = v; last = null; refreshSelection(); }
  on("select-all", "click", () => setAll(true));
  on("select-none", "click", () => setAll(false));
  document.addEventListener("htmx:afterSwap", () => { last = null; refreshSelection(); });
  const batch = document.getElementById("batch-form");
  if (batch) {
    const mode = () => {
      const m = batch.querySelector("input[name=mode]:checked");
      const v = m ? m.value : "field";
      batch.classList.toggle("by-template", v === "template");
      batch.classList.toggle("by-field", v !== "template");
    };
    batch.addEventListener("change", mode);
    mode();
    refreshSelection();
  }

  // --- List fields as chips. The textarea (one item per line) stays the
  // form's value, so the page works the same without this script.
  function utf8len(s) { return new TextEncoder().encode(s).length; }
  function chipify(ta) {
    const limit = parseInt(ta.dataset.limit || "0", 10);
    const box = document.createElement("div");
    box.className = "chipbox";
    const input = document.createElement("input");
    input.type = "text";
    input.id = ta.id + "-add";
    input.autocomplete = "off";
    const label = document.querySelector('label[for="' + ta.id + '"]');
    if (label) label.htmlFor = input.id;
    let items = ta.value.split("\n").map((s) => s.trim()).filter(Boolean);
    const sync = () => {
      ta.value = items.join("\n");
      ta.dispatchEvent(new Event("input", { bubbles: true }));
    };
    const render = () => {
      for (const c of box.querySelectorAll(".chip")) c.remove();
      items.forEach((it, i) => {
        const chip = document.createElement("span");
        chip.className = "chip";
        if (limit && utf8len(it) > limit) {
          chip.classList.add("over");
          chip.title = "longer than IPTC IIM's " + limit + " bytes: cut in the IIM copy on export";
        }
        const t = document.createElement("span");
        t.textContent = it;
        chip.appendChild(t);
        if (!ta.readOnly) {
          const x = document.createElement("button");
          x.type = "button";
          x.textContent = "×";
          x.setAttribute("aria-label", "Remove " + it);
          x.addEventListener("click", () => { items.splice(i, 1); render(); sync(); input.focus(); });
          chip.appendChild(x);
        }
        box.insertBefore(chip, input);
      });
    };
    const add = (text) => {
      for (const s of text.split(/[\n;]/).map((x) => x.trim()).filter(Boolean)) {
        if (!items.includes(s)) items.push(s);
      }
      render();
      sync();
    };
    input.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === ";") {
        e.preventDefault();
        if (input.value.trim()) { add(input.value); input.value = ""; }
      } else if (e.key === "Backspace" && input.value === "" && items.length) {
        items.pop();
        render();
        sync();
      }
    });
    // Enter makes a chip, never an implicit submission of the form (some
    // input paths deliver the keypress even when keydown was cancelled).
    input.addEventListener("keypress", (e) => { if (e.key === "Enter") e.preventDefault(); });
    input.addEventListener("blur", () => { if (input.value.trim()) { add(input.value); input.value = ""; } });
    box.addEventListener("click", (e) => { if (e.target === box) input.focus(); });
    if (ta.readOnly) { input.hidden = true; box.classList.add("readonly"); }
    box.appendChild(input);
    ta.hidden = true;
    ta.after(box);
    ta.chipAdd = add;
    render();
  }
  document.querySelectorAll("textarea.chips").forEach(chipify);

  // --- The edit form: changed fields marked, byte counters, Ctrl+S, and
  // a warning before leaving with unsaved edits.
  const form = document.getElementById("edit-form");
  if (form) {
    let dirty = false, submitting = false;
    const count = (el) => {
      const limit = parseInt(el.dataset.limit || "0", 10);
      const field = el.closest(".field");
      if (!limit || !field || el.classList.contains("chips")) return;
      const n = utf8len(el.value);
      const small = field.querySelector(".limit");
      if (small) small.textContent = n + "/" + limit;
      field.classList.toggle("over", n > limit);
    };
    form.addEventListener("input", (e) => {
      dirty = true;
      const field = e.target.closest(".field");
      if (field) field.classList.add("changed");
      count(e.target);
    });
    form.addEventListener("submit", () => { submitting = true; });
    window.addEventListener("beforeunload", (e) => {
      if (dirty && !submitting) { e.preventDefault(); e.returnValue = ""; }
    });
    document.addEventListener("keydown", (e) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "s") {
        e.preventDefault();
        form.requestSubmit();
      }
    });
  }

  // --- Suggestions: applied to the form and saved with it in one click.
  document.addEventListener("click", (e) => {
    const b = e.target.closest("button.suggest");
    if (!b || !form) return;
    const el = form.elements.namedItem(b.dataset.field);
    if (!el) return;
    e.preventDefault();
    if (b.dataset.op === "add") {
      if (el.chipAdd) el.chipAdd(b.dataset.value);
      else el.value = (el.value ? el.value + "\n" : "") + b.dataset.value;
    } else {
      el.value = b.dataset.value;
    }
    el.dispatchEvent(new Event("input", { bubbles: true }));
    b.classList.add("done");
    b.disabled = true;
    form.requestSubmit();
  });

  // --- Copy buttons.
  document.addEventListener("click", async (e) => {
    const b = e.target.closest("button.copy");
    if (!b) return;
    const text = b.dataset.copy || "";
    let ok = true;
    try {
      await navigator.clipboard.writeText(text);
    } catch (err) {
      // Older browsers, or a page not served over a secure context.
      const ta = document.createElement("textarea");
      ta.value = text;
      ta.className = "offscreen";
      body.appendChild(ta);
      ta.select();
      ok = document.execCommand("copy");
      ta.remove();
    }
    b.textContent = ok ? "Copied" : "Copy failed";
    b.classList.add("done");
    setTimeout(() => { b.textContent = "Copy"; b.classList.remove("done"); }, 1500);
  });

  // --- Upload: drag and drop, one request per file, two at a time, with
  // progress and the ingest report of each file.
  const drop = document.getElementById("drop");
  if (drop) {
    const input = document.getElementById("files");
    const submit = document.getElementById("upload-submit");
    const queue = document.getElementById("queue");
    const tbody = queue.querySelector("tbody");
    const summary = document.getElementById("upload-summary");
    const counts = { ingested: 0, duplicates: 0, rejected: 0, failed: 0 };
    const pending = [];
    let active = 0;
    if (submit) submit.hidden = true;
    drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
    drop.addEventListener("dragleave", () => drop.classList.remove("over"));
    drop.addEventListener("drop", (e) => {
      e.preventDefault();
      drop.classList.remove("over");
      enqueue(e.dataTransfer.files);
    });
    input.addEventListener("change", () => { enqueue(input.files); input.value = ""; });

    function cell(row, text) {
      const td = document.createElement("td");
      if (text !== undefined) td.textContent = text;
      row.appendChild(td);
      return td;
    }
    function enqueue(files) {
      queue.hidden = false;
      for (const f of files) {
        const row = document.createElement("tr");
        row.dataset.name = f.name;
        cell(row, f.name);
        cell(row, Math.max(1, Math.round(f.size / 1024)) + " KB");
        const bar = document.createElement("progress");
        bar.max = 100;
        bar.value = 0;
        cell(row).appendChild(bar);
        const result = cell(row, "waiting");
        result.className = "result";
        tbody.appendChild(row);
        pending.push({ file: f, row, bar, result });
      }
      pump();
    }
    function pump() {
      while (active < 2 && pending.length) {
        const job = pending.shift();
        active++;
        send(job).then(() => { active--; report(); pump(); });
      }
    }
    function link(id, text) {
      const a = document.createElement("a");
      a.href = "/photos/" + encodeURIComponent(id);
      a.textContent = text || id.slice(0, 12);
      return a;
    }
    function send(job) {
      return new Promise((resolve) => {
        const xhr = new XMLHttpRequest();
        xhr.open("POST", "/api/upload");
        xhr.responseType = "json";
        job.result.textContent = "uploading";
        xhr.upload.onprogress = (e) => { if (e.lengthComputable) job.bar.value = (100 * e.loaded) / e.total; };
        xhr.onload = () => { job.bar.value = 100; show(job, xhr.status, xhr.response); resolve(); };
        xhr.onerror = () => { fail(job, "network error"); resolve(); };
        const fd = new FormData();
        fd.append("file", job.file, job.file.name);
        xhr.send(fd);
      });
    }
    function fail(job, msg) {
      counts.failed++;
      job.row.className = "rejected";
      job.result.textContent = msg;
    }
    function show(job, status, rep) {
      const r = job.result;
      r.textContent = "";
      if (!rep) { fail(job, "HTTP " + status); return; }
      if (rep.ingested && rep.ingested.length) {
        counts.ingested++;
        job.row.className = "ok";
        r.append("ingested as ", link(rep.ingested[0].id));
        const w = rep.ingested[0].warnings || [];
        if (w.length) {
          const s = document.createElement("small");
          s.textContent = " (" + w.length + " warning" + (w.length > 1 ? "s" : "") + ": " + w[0] + ")";
          r.append(s);
        }
      } else if (rep.duplicates && rep.duplicates.length) {
        counts.duplicates++;
        job.row.className = "dup";
        r.append("already in the archive: ", link(rep.duplicates[0].id));
      } else if (rep.rejected && rep.rejected.length) {
        counts.rejected++;
        job.row.className = "rejected";
        r.textContent = "rejected: " + rep.rejected[0].error;
      } else {
        fail(job, "error: " + (rep.error || "HTTP " + status));
      }
    }
    function report() {
      summary.textContent = counts.ingested + " ingested · " + counts.duplicates + " duplicates · " +
        counts.rejected + " rejected" + (counts.failed ? " · " + counts.failed + " failed" : "") +
        (active || pending.length ? " · " + (active + pending.length) + " to go" : "");
    }
  }

  function on(id, ev, fn) {
    const el = document.getElementById(id);
    if (el) el.addEventListener(ev, fn);
  }
})();
