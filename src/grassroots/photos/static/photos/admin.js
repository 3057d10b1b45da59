// Staff-only helpers; every page works without them. (1) A progress bar for uploads.
// (2) Drag on a photo's preview to add a rectangle to "Regions to blur".
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("photo-upload-form");
  if (form && window.FormData && window.XMLHttpRequest) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var box = form.querySelector(".photo-upload-progress");
      var bar = box.querySelector("progress");
      var text = box.querySelector(".photo-progress-text");
      box.hidden = false;
      var request = new XMLHttpRequest();
      request.open("POST", form.action || window.location.href);
      request.setRequestHeader("X-Requested-With", "XMLHttpRequest");
      request.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) {
          bar.value = Math.round((100 * e.loaded) / e.total);
          text.textContent = bar.value + "%";
        }
      });
      request.addEventListener("load", function () {
        try {
          window.location = JSON.parse(request.responseText).redirect;
        } catch (error) {
          document.open();
          document.write(request.responseText);
          document.close();
        }
      });
      request.addEventListener("error", function () { form.submit(); });
      request.send(new FormData(form));
    });
  }

  var preview = document.querySelector(".photo-preview");
  var regions = document.querySelector("textarea.photo-regions");
  if (preview && regions) {
    var start = null;
    var outline = document.createElement("div");
    outline.style.position = "absolute";
    outline.style.border = "2px dashed #f0a";
    outline.style.pointerEvents = "none";
    outline.hidden = true;
    preview.parentNode.style.position = "relative";
    preview.parentNode.appendChild(outline);
    var toPhoto = function (e) {
      var rect = preview.getBoundingClientRect();
      var scale = Number(preview.dataset.photoWidth) / rect.width;
      return {
        x: Math.max(0, Math.round((e.clientX - rect.left) * scale)),
        y: Math.max(0, Math.round((e.clientY - rect.top) * scale)),
        px: e.clientX - rect.left + preview.offsetLeft,
        py: e.clientY - rect.top + preview.offsetTop
      };
    };
    preview.addEventListener("mousedown", function (e) { e.preventDefault(); start = toPhoto(e); });
    preview.addEventListener("mousemove", function (e) {
      if (!start) return;
      var now = toPhoto(e);
      outline.hidden = false;
      outline.style.left = Math.min(start.px, now.px) + "px";
      outline.style.top = Math.min(start.py, now.py) + "px";
      outline.style.width = Math.abs(now.px - start.px) + "px";
      outline.style.height = Math.abs(now.py - start.py) + "px";
    });
    preview.addEventListener("mouseup", function (e) {
      if (!start) return;
      var end = toPhoto(e);
      var w = Math.abs(end.x - start.x), h = Math.abs(end.y - start.y);
      if (w > 3 && h > 3) {
        var line = [Math.min(start.x, end.x), Math.min(start.y, end.y), w, h].join(", ");
        regions.value = (regions.value.trim() ? regions.value.trim() + "\n" : "") + line;
      }
      start = null;
    });
  }
});
