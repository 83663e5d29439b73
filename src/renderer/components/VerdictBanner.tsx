// The verdict, impossible to misread: a word, a sentence, a colour and an icon shape that all
// agree, announced to screen readers by the status region it sits in (see VerifyScreen).
import { forwardRef } from 'react'
import type { Outcome } from '../verify/report-view'
import { Icon } from './Icon'

const WORDS: Record<Outcome, string> = {
  verified: 'Verified',
  'not-verified': 'Not verified',
  cancelled: 'Verification cancelled',
}

interface VerdictBannerProps {
  outcome: Outcome
  sentence: string
  bundleName: string
}

export const VerdictBanner = forwardRef<HTMLHeadingElement, VerdictBannerProps>(
  function VerdictBanner({ outcome, sentence, bundleName }, ref) {
    const icon = outcome === 'verified' ? 'check' : outcome === 'cancelled' ? 'info' : 'cross'
    return (
      <div className={`verdict verdict-${outcome}`} data-verdict={outcome}>
        <span className="verdict-icon">
          <Icon name={icon} />
        </span>
        <div className="verdict-text">
          <h2 className="verdict-word" tabIndex={-1} ref={ref}>
            {WORDS[outcome]}
          </h2>
          <p className="verdict-sentence">{sentence}</p>
          <p className="verdict-file">
            Bundle: <span className="mono">{bundleName}</span>
          </p>
        </div>
      </div>
    )
  },
)
