// Templates: every packet template the workbench knows (latest version of each), with the
// roles that must sign off a packet of that kind.
import { TemplateRegistry } from '../../core/templates/registry'
import { templateFields } from '../../core/templates/template-model'
import { hrefs } from '../routing'

const registry = new TemplateRegistry()

export function TemplatesScreen() {
  const templates = registry.listLatest()
  return (
    <>
      <h1 tabIndex={-1}>Templates</h1>
      <p className="lede">
        A packet is filled in from a template: its sections and fields, the evidence it needs, and
        the roles that must sign it off before it counts as signed. These {templates.length}{' '}
        templates ship with the workbench.
      </p>
      <ul className="card-list">
        {templates.map((t) => {
          const required = t.signoffRoles.filter((r) => r.required)
          return (
            <li key={t.id} className="card">
              <h2 className="card-title">
                <a href={hrefs.template(t.id)}>{t.title}</a>
              </h2>
              <p className="muted small">
                <span className="mono">{t.id}</span> · version {t.version} · {t.sections.length}{' '}
                sections · {templateFields(t).length} fields
              </p>
              <p className="card-description">{t.description}</p>
              <p className="small roles-label">Required sign-offs</p>
              <ul className="chips" aria-label={`Required sign-offs for ${t.title}`}>
                {required.map((r) => (
                  <li key={r.role} className="chip">
                    {r.label}
                  </li>
                ))}
              </ul>
            </li>
          )
        })}
      </ul>
    </>
  )
}
