// DOM helpers shared by the web client's modules (app.js, admin.js). Children given as strings become
// text nodes, never HTML, so text that comes from users is always shown as text.

export const $ = (selector, root = document) => root.querySelector(selector);

/** Builds an element: attributes (on* become listeners), then children (strings become text nodes). */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value == null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'class') element.className = value;
    else element.setAttribute(name, value === true ? '' : value);
  }
  element.append(...children.filter((child) => child != null));
  return element;
}
