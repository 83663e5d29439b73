// One term and its value in a facts list, left out when there is no value.
import type { ReactNode } from 'react'

export function Fact({ term, value }: { term: string; value: ReactNode }) {
  return value ? (
    <>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </>
  ) : null
}
