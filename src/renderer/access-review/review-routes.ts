// Hash routes of the access reviews: #/reviews (the campaigns), #/reviews/new (a new campaign)
// and #/reviews/<id> (one campaign).
export type ReviewRoute = { view: 'list' } | { view: 'new' } | { view: 'campaign'; id: string }

export const reviewHrefs = {
  list: '#/reviews',
  new: '#/reviews/new',
  campaign: (id: string) => `#/reviews/${encodeURIComponent(id)}`,
} as const

export function parseReviewRoute(path: string): ReviewRoute | undefined {
  if (path === '/reviews') return { view: 'list' }
  if (path === '/reviews/new') return { view: 'new' }
  const m = /^\/reviews\/([^/?]+)$/.exec(path)
  if (!m?.[1]) return undefined
  try {
    return { view: 'campaign', id: decodeURIComponent(m[1]) }
  } catch {
    return undefined
  }
}

export function reviewScreenTitle(route: ReviewRoute): string {
  switch (route.view) {
    case 'list':
      return 'Access reviews'
    case 'new':
      return 'New access review campaign'
    case 'campaign':
      return 'Access review campaign'
  }
}
