// The rich text editor's Link with a choice of the site's own pages (richtext/references.py).
// The link dialog gets a field "Sida på webbplatsen" that searches the pages listed by the
// admin's JSON endpoint (options.pagesUrl) through a <datalist>. A chosen page gives the link
// its current address and a reference (data-page), by which the link follows the page when
// its address changes. Typing an address by hand still works and makes a plain link.
// The texts come from the server (richtext/html.py), in the site's language.
import { Link, crel, updateAttrsDialog } from "django-prose-editor/editor"

const loaded = new Map()

function loadPages(url) {
  if (!loaded.has(url)) {
    const pages = fetch(url, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then((response) => (response.ok ? response.json() : { pages: [] }))
      .then((data) => data.pages)
      .catch(() => {
        loaded.delete(url)
        return []
      })
    loaded.set(url, pages)
  }
  return loaded.get(url)
}

function labelOf(page, texts) {
  const state = page.public ? "" : `, ${texts.draft}`
  return `${page.title} (${page.type}${state})`
}

async function siteLinkDialog(editor, attrs, options) {
  const texts = options.texts
  const pages = await loadPages(options.pagesUrl)
  const byLabel = new Map(pages.map((page) => [labelOf(page, texts), page]))
  const current = pages.find((page) => page.reference === attrs.page)

  const dialog = updateAttrsDialog(
    {
      page: { type: "string", title: texts.page, description: texts.pageHelp },
      href: { type: "string", title: texts.href },
      title: { type: "string", title: texts.title },
    },
    { title: texts.dialogTitle, submitText: texts.submit },
  )(editor, {
    page: current ? labelOf(current, texts) : "",
    href: attrs.href || "",
    title: attrs.title || "",
  })

  // The dialog is in the document now; give its page field the list to choose from.
  const form = editor.view.dom.parentElement.querySelector(".prose-editor-dialog form")
  const pageInput = form.elements.page
  const list = crel(
    "datalist",
    { id: `${pageInput.id}-pages` },
    [...byLabel.keys()].map((label) => crel("option", { value: label })),
  )
  form.append(list)
  pageInput.setAttribute("list", list.id)
  pageInput.setAttribute("autocomplete", "off")
  pageInput.addEventListener("input", () => {
    const page = byLabel.get(pageInput.value)
    pageInput.setCustomValidity(pageInput.value && !page ? texts.noSuchPage : "")
    if (page) form.elements.href.value = page.url
  })
  const cancel = form.querySelector('button[value="cancel"]')
  if (cancel) cancel.textContent = texts.cancel

  const result = await dialog
  if (!result) return null
  const page = byLabel.get(result.page)
  // A page not in this editor's list (another organisation's draft) keeps its reference
  // as long as the address is left as it was.
  const kept = !current && result.href === attrs.href ? attrs.page || null : null
  return {
    href: page ? page.url : result.href,
    title: result.title || null,
    page: page ? page.reference : kept,
    target: null,
    rel: null,
  }
}

export const SiteLink = Link.extend({
  addOptions() {
    return {
      ...this.parent?.(),
      pagesUrl: null,
      texts: {},
    }
  },

  addAttributes() {
    return {
      ...this.parent?.(),
      page: {
        default: null,
        parseHTML: (element) => element.getAttribute("data-page"),
        renderHTML: (attributes) =>
          attributes.page ? { "data-page": attributes.page } : {},
      },
    }
  },

  addCommands() {
    return {
      ...this.parent?.(),
      addLink:
        () =>
        ({ editor }) => {
          if (editor.state.selection.empty && !editor.isActive("link")) return
          const attrs = editor.getAttributes(this.name)
          siteLinkDialog(editor, attrs, this.options).then((attrs) => {
            if (!attrs) return
            if (editor.isActive("link")) {
              editor
                .chain()
                .focus()
                .extendMarkRange(this.name)
                .updateAttributes(this.name, attrs)
                .run()
            } else {
              editor.chain().focus().setMark(this.name, attrs).run()
            }
          })
        },
    }
  },
})
