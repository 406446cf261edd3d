/* The focal point on the image form (missions/admin/focal_point.py).
 *
 * A click on the preview writes where it landed, as fractions of the width and the height from
 * the top left (two decimals), into the "focal point" number fields, and moves the marker there.
 * Typing in the fields moves the marker too; emptying one hides it. Without this file the fields
 * still work: they are ordinary number inputs.
 */
(function () {
  "use strict";

  function fraction(offset, size) {
    return Math.min(1, Math.max(0, Math.round((offset / size) * 100) / 100));
  }

  function setUp(picker) {
    var image = picker.querySelector("img");
    var marker = picker.querySelector(".focal-marker");
    var across = document.getElementById(picker.dataset.focalX);
    var down = document.getElementById(picker.dataset.focalY);
    if (!image || !marker || !across || !down) {
      return;
    }

    function showMarker() {
      var x = parseFloat(across.value);
      var y = parseFloat(down.value);
      if (isNaN(x) || isNaN(y) || x < 0 || x > 1 || y < 0 || y > 1) {
        marker.hidden = true;
        return;
      }
      marker.style.left = x * 100 + "%";
      marker.style.top = y * 100 + "%";
      marker.hidden = false;
    }

    image.addEventListener("click", function (event) {
      var box = image.getBoundingClientRect();
      across.value = fraction(event.clientX - box.left, box.width);
      down.value = fraction(event.clientY - box.top, box.height);
      [across, down].forEach(function (field) {
        field.dispatchEvent(new Event("change", { bubbles: true }));
      });
      showMarker();
    });
    across.addEventListener("input", showMarker);
    down.addEventListener("input", showMarker);
  }

  function start() {
    document.querySelectorAll(".focal-picker").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
