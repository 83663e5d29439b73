// The verdict, impossible to misread: a large word, a sentence saying what to do, a colour and
// an icon shape that all agree, which bundle and which keyring it concerns, announced to screen
// readers by the status region it sits in (see VerifyScreen) and focused when it appears.
import { forwardRef, type ReactNode } from 'react'
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
  /** Which keyring was trusted, in words ("the keyring of workspace …"). */
  trust?: string
  /** Shown under the file name, e.g. the quarantine marker of a received bundle. */
  children?: ReactNode
}

export const VerdictBanner = forwardRef<HTMLHeadingElement, VerdictBannerProps>(
  function VerdictBanner({ outcome, sentence, bundleName, trust, children }, ref) {
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
            Bundle: <span className="mono break">{bundleName}</span>
          </p>
          {trust ? <p className="verdict-trust">Trusted keyring: {trust}</p> : null}
          {children}
        </div>
      </div>
    )
  },
)
