// Colour swatches: CSP forbids style attributes, so colours are set here.
document.querySelectorAll(".swatch[data-colour]").forEach(function (s) { s.style.backgroundColor = s.dataset.colour; });
