// The logical structure of a tagged PDF (ISO 32000-1, 14.7–14.8): a tree of structure elements
// (Document, H1, P, Table, TR, TH, TD …) whose leaves are marked-content sequences on pages,
// found through each page's /StructParents entry in the parent tree. Also the document
// outline (bookmarks), which pdf-lib has no API for: a linked list of dictionaries under
// /Outlines (ISO 32000-1, 12.3.3), each naming its page and position.
import {
  PDFArray,
  PDFDict,
  PDFName,
  PDFNull,
  PDFNumber,
  PDFString,
  PDFHexString,
  type PDFContext,
  type PDFRef,
} from 'pdf-lib'

export interface StructOptions {
  /** Alternative text, e.g. for a figure. */
  alt?: string
  /** Attributes, e.g. { O: 'Table', Scope: 'Column' } for a column header cell. */
  attributes?: Record<string, string>
  title?: string
  lang?: string
}

export class StructNode {
  readonly kids: (StructNode | { page: number; mcid: number })[] = []

  constructor(
    readonly type: string,
    readonly parent: StructNode | undefined,
    readonly options: StructOptions = {},
  ) {
    parent?.kids.push(this)
  }

  add(type: string, options: StructOptions = {}): StructNode {
    return new StructNode(type, this, options)
  }
}

export class StructureTree {
  readonly root = new StructNode('Document', undefined)
  /** Per page, the structure element each marked-content id belongs to. */
  private readonly pages = new Map<number, StructNode[]>()

  /** Records that marked content `mcid` on `page` belongs to `node`. */
  link(node: StructNode, page: number, mcid: number): void {
    node.kids.push({ page, mcid })
    const list = this.pages.get(page) ?? []
    list[mcid] = node
    this.pages.set(page, list)
  }

  /** Writes the tree; sets /StructParents on each page. Returns the StructTreeRoot's ref. */
  write(context: PDFContext, pageRefs: PDFRef[], pageDicts: PDFDict[]): PDFRef {
    const rootRef = context.nextRef()
    const refs = new Map<StructNode, PDFRef>()
    const assignRefs = (n: StructNode) => {
      refs.set(n, context.nextRef())
      for (const k of n.kids) if (k instanceof StructNode) assignRefs(k)
    }
    assignRefs(this.root)
    const write = (n: StructNode, parent: PDFRef) => {
      const kids = PDFArray.withContext(context)
      for (const k of n.kids) {
        if (k instanceof StructNode) {
          if (k.kids.length === 0) continue
          kids.push(refs.get(k)!)
          write(k, refs.get(n)!)
        } else {
          kids.push(
            context.obj({ Type: 'MCR', Pg: pageRefs[k.page]!, MCID: k.mcid }) as unknown as PDFDict,
          )
        }
      }
      const dict = context.obj({ Type: 'StructElem', S: n.type, P: parent, K: kids })
      const o = n.options
      if (o.alt !== undefined) dict.set(PDFName.of('Alt'), PDFHexString.fromText(o.alt))
      if (o.title !== undefined) dict.set(PDFName.of('T'), PDFHexString.fromText(o.title))
      if (o.lang !== undefined) dict.set(PDFName.of('Lang'), PDFString.of(o.lang))
      if (o.attributes) {
        const a = PDFDict.withContext(context)
        for (const [key, value] of Object.entries(o.attributes))
          a.set(PDFName.of(key), PDFName.of(value))
        dict.set(PDFName.of('A'), a)
      }
      context.assign(refs.get(n)!, dict)
    }
    write(this.root, rootRef)

    const nums = PDFArray.withContext(context)
    let key = 0
    pageDicts.forEach((page, index) => {
      const list = this.pages.get(index) ?? []
      page.set(PDFName.of('StructParents'), PDFNumber.of(key))
      const arr = PDFArray.withContext(context)
      for (let m = 0; m < list.length; m++) arr.push(list[m] ? refs.get(list[m]!)! : PDFNull)
      nums.push(PDFNumber.of(key))
      nums.push(context.register(arr))
      key++
    })
    context.assign(
      rootRef,
      context.obj({
        Type: 'StructTreeRoot',
        K: refs.get(this.root)!,
        ParentTree: context.obj({ Nums: nums }),
        ParentTreeNextKey: key,
      }),
    )
    return rootRef
  }
}

export interface OutlineItem {
  title: string
  page: number
  /** Distance from the page's top, in points. */
  top: number
  children: OutlineItem[]
}

/** Writes the outline; returns the /Outlines dictionary's ref, or undefined when empty. */
export function writeOutline(
  context: PDFContext,
  items: OutlineItem[],
  pageRefs: PDFRef[],
  pageHeight: number,
): PDFRef | undefined {
  if (items.length === 0) return undefined
  const rootRef = context.nextRef()
  const count = (list: OutlineItem[]): number => list.reduce((n, i) => n + 1 + count(i.children), 0)
  const writeLevel = (list: OutlineItem[], parent: PDFRef): PDFRef[] => {
    const refs = list.map(() => context.nextRef())
    list.forEach((item, i) => {
      const dict = context.obj({
        Title: PDFHexString.fromText(item.title),
        Parent: parent,
        Dest: [pageRefs[item.page]!, 'XYZ', 0, Math.round(pageHeight - item.top + 12), null],
      })
      if (i > 0) dict.set(PDFName.of('Prev'), refs[i - 1]!)
      if (i < list.length - 1) dict.set(PDFName.of('Next'), refs[i + 1]!)
      if (item.children.length) {
        const kids = writeLevel(item.children, refs[i]!)
        dict.set(PDFName.of('First'), kids[0]!)
        dict.set(PDFName.of('Last'), kids[kids.length - 1]!)
        dict.set(PDFName.of('Count'), PDFNumber.of(count(item.children)))
      }
      context.assign(refs[i]!, dict)
    })
    return refs
  }
  const top = writeLevel(items, rootRef)
  context.assign(
    rootRef,
    context.obj({
      Type: 'Outlines',
      First: top[0]!,
      Last: top[top.length - 1]!,
      Count: count(items),
    }),
  )
  return rootRef
}
