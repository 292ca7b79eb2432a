import { type JSX, useRef, useState } from 'react'
import type { EarshotApi } from '../../shared/contract'
import type { AgentSelection, MachineSettings, PbxSettings, SettingsSection } from '../../shared/settings'
import { ListField, RadioGroup, TextField, describedBy, FieldError, FieldHint } from './fields'
import { fieldId } from './labels'
import { SecretField } from './SecretField'
import type { SettingsForm } from './useSettingsForm'

export interface SectionProps {
  api: EarshotApi
  form: SettingsForm
  /** The first field takes the focus (a wizard step). */
  autoFocus?: boolean
}

/** Whether Listen / Whisper / Barge will be hidden although the PBX connection is set up. */
export function supervisionHidden(pbx: PbxSettings, amiPasswordSaved: boolean): boolean {
  const connectionSet = pbx.url !== '' && pbx.username !== '' && amiPasswordSaved
  const codes = pbx.featureCodes
  return connectionSet && pbx.method === 'feature-codes' && codes.listen === '' && codes.whisper === '' && codes.barge === ''
}

export const SUPERVISION_HIDDEN_TEXT =
  'Listen, Whisper and Barge stay hidden on the floor until you enter the PBX’s feature codes or choose direct ChanSpy.'

function CaCertificateField({ form }: { form: SettingsForm }): JSX.Element {
  const pbx = form.draft.pbx
  const id = fieldId('pbx.caCertificate')
  const fileRef = useRef<HTMLInputElement>(null)
  const [readError, setReadError] = useState<string | null>(null)
  const error = readError ?? form.errorAt('pbx.caCertificate')
  const hint = 'Only needed when the PBX’s TLS certificate is not signed by a public authority: paste the CA certificate (PEM) or choose its file.'
  const set = (text: string): void => {
    setReadError(null)
    form.edit('pbx', { ...pbx, caCertificate: text.trim() === '' ? null : text }, 'pbx.caCertificate')
  }
  return (
    <div className="field span-2">
      <label className="field-label" htmlFor={id}>
        CA certificate <span className="field-optional">optional</span>
      </label>
      <textarea
        id={id}
        className="input input-mono textarea"
        rows={3}
        spellCheck={false}
        placeholder="-----BEGIN CERTIFICATE-----"
        value={pbx.caCertificate ?? ''}
        aria-invalid={error !== null ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(event) => set(event.target.value)}
        onBlur={() => form.touch('pbx.caCertificate')}
      />
      <div className="field-actions">
        <button type="button" className="button button-small" onClick={() => fileRef.current?.click()}>
          Choose file…
        </button>
        {pbx.caCertificate !== null && (
          <button type="button" className="button button-small button-quiet" onClick={() => set('')}>
            Remove certificate
          </button>
        )}
        <input
          ref={fileRef}
          type="file"
          hidden
          tabIndex={-1}
          aria-label="CA certificate file"
          accept=".pem,.crt,.cer,application/x-pem-file,application/x-x509-ca-cert"
          onChange={(event) => {
            const file = event.target.files?.[0]
            event.target.value = ''
            if (file === undefined) return
            if (file.size > 512 * 1024) {
              setReadError('This file is too big for a CA certificate (256 KB at most).')
              return
            }
            file.text().then(
              (text) => {
                set(text)
                form.touch('pbx.caCertificate')
              },
              () => setReadError('Earshot could not read that file.')
            )
          }}
        />
      </div>
      <FieldHint id={id} hint={hint} />
      <FieldError id={id} error={error} />
    </div>
  )
}

/** What every text field of the form shares: its id, value and error, and edits of one setting. */
function bound<S extends SettingsSection>(form: SettingsForm, section: S, path: string, value: string, update: (value: string) => MachineSettings[S]) {
  return { id: fieldId(path), value, error: form.errorAt(path), onChange: (v: string) => form.edit(section, update(v), path), onBlur: () => form.touch(path) }
}

export function PbxSection({ api, form, autoFocus }: SectionProps): JSX.Element {
  const pbx = form.draft.pbx
  const { view } = form
  const text = (key: 'url' | 'username' | 'context') => bound(form, 'pbx', `pbx.${key}`, pbx[key], (value) => ({ ...pbx, [key]: value }))
  const code = (mode: 'listen' | 'whisper' | 'barge') =>
    bound(form, 'pbx', `pbx.featureCodes.${mode}`, pbx.featureCodes[mode], (value) => ({ ...pbx, featureCodes: { ...pbx.featureCodes, [mode]: value } }))
  return (
    <div className="form-grid">
      <TextField
        {...text('url')}
        className="span-2"
        label="AMI address"
        mono
        autoFocus={autoFocus}
        placeholder="amis://pbx.example.com:5039"
        hint={
          <>
            <code>ami://host:5038</code> over TCP, or <code>amis://host:5039</code> over TLS (recommended when Earshot
            does not run on the PBX itself).
          </>
        }
      />
      <TextField {...text('username')} label="AMI user" mono placeholder="earshot" hint="The [section] name of Earshot’s user in manager.conf." />
      <SecretField
        api={api}
        id="setting-pbx-password"
        label="AMI password"
        account="ami"
        address={pbx.url}
        saved={view.secrets.amiPassword}
        keychain={view.keychain}
        hint="The user’s secret. Kept in this computer’s keychain, never in the settings file."
        onSaved={(next) => form.takeView(next)}
      />
      {(/^amis:/i.test(pbx.url.trim()) || pbx.caCertificate !== null) && <CaCertificateField form={form} />}
      <TextField
        {...text('context')}
        label="Dialplan context"
        mono
        placeholder="internal"
        hint="Where Earshot places the supervisor’s calls (e.g. internal, or from-internal on FreePBX)."
      />
      <div className="span-2">
        <RadioGroup
          id={fieldId('pbx.method')}
          name="pbx-method"
          legend="How Listen, Whisper and Barge reach the PBX"
          value={pbx.method}
          error={form.errorAt('pbx.method')}
          onChange={(method) => form.edit('pbx', { ...pbx, method }, 'pbx.method')}
          options={[
            {
              value: 'feature-codes',
              label: 'The PBX’s feature codes',
              hint: 'Earshot dials a code and the agent’s extension (e.g. *222 1001), so the PBX’s own ChanSpy rules apply.'
            },
            {
              value: 'chanspy',
              label: 'Direct ChanSpy',
              hint: 'Earshot starts ChanSpy itself in the context above: nothing to add to the dialplan.'
            }
          ]}
        >
          {(method) =>
            method === 'feature-codes' && (
              <div className="codes-grid">
                <TextField {...code('listen')} label="Listen code" mono inputMode="tel" placeholder="*222" />
                <TextField {...code('whisper')} label="Whisper code" mono inputMode="tel" placeholder="*223" />
                <TextField {...code('barge')} label="Barge code" mono inputMode="tel" placeholder="*224" />
              </div>
            )
          }
        </RadioGroup>
        {supervisionHidden(pbx, view.secrets.amiPassword) && (
          <p className="note note-info" data-testid="supervision-hidden-note">
            {SUPERVISION_HIDDEN_TEXT}
          </p>
        )}
      </div>
    </div>
  )
}

export function SoftphoneSection({ api, form, autoFocus }: SectionProps): JSX.Element {
  const softphone = form.draft.softphone
  const { view } = form
  const text = (key: 'wsUrl' | 'extension' | 'authUser' | 'displayName') =>
    bound(form, 'softphone', `softphone.${key}`, softphone[key], (value) => ({ ...softphone, [key]: value }))
  return (
    <div className="form-grid">
      <TextField
        {...text('wsUrl')}
        className="span-2"
        label="WebSocket address"
        mono
        autoFocus={autoFocus}
        placeholder="wss://pbx.example.com:8089/ws"
        hint="The PBX’s SIP-over-WebSocket address (Asterisk: a PJSIP transport of type wss)."
      />
      <TextField
        {...text('extension')}
        label="SIP extension"
        mono
        placeholder="2001"
        hint="This desk’s own extension: Listen, Whisper and Barge calls ring here."
      />
      <TextField {...text('authUser')} label="Authentication user" mono hint="Leave empty to use the extension." />
      <SecretField
        api={api}
        id="setting-softphone-password"
        label="SIP password"
        account="sip"
        address={form.draft.softphone.wsUrl}
        saved={view.secrets.sipPassword}
        keychain={view.keychain}
        hint="The extension’s SIP password. Kept in the keychain."
        onSaved={(next) => form.takeView(next)}
      />
      <TextField {...text('displayName')} label="Display name" placeholder="Supervisor" hint="The name the agent’s phone shows on Barge." />
    </div>
  )
}

export function FloorSection({ form, autoFocus }: SectionProps): JSX.Element {
  const floor = form.draft.floor
  const agents = floor.agents
  // The pattern and queues typed before switching to another choice come back when switching back.
  const [remembered, setRemembered] = useState(() => ({
    pattern: agents.kind === 'pattern' ? agents.pattern : '',
    queues: agents.kind === 'queues' ? agents.queues : []
  }))
  const setAgents = (next: AgentSelection, path: string): void => form.edit('floor', { ...floor, agents: next }, path)
  const queuesError = form.errorUnder('floor.agents.queues')
  const hiddenError = form.errorUnder('floor.hidden')
  const itemError = (error: { message: string; index: number | null } | null, values: readonly string[]): string | null => {
    if (error === null) return null
    const item = error.index === null ? undefined : values[error.index]
    return item === undefined ? error.message : `${item}: ${error.message}`
  }
  return (
    <div className="form-grid">
      <div className="span-2">
        <RadioGroup
          id={fieldId('floor.agents')}
          name="floor-agents"
          legend="Who counts as an agent"
          value={agents.kind}
          error={form.errorAt('floor.agents')}
          onChange={(kind) => {
            const kept = {
              pattern: agents.kind === 'pattern' ? agents.pattern : remembered.pattern,
              queues: agents.kind === 'queues' ? agents.queues : remembered.queues
            }
            setRemembered(kept)
            if (kind === 'all') setAgents({ kind }, 'floor.agents')
            else if (kind === 'pattern') setAgents({ kind, pattern: kept.pattern }, 'floor.agents')
            else setAgents({ kind, queues: kept.queues }, 'floor.agents')
          }}
          options={[
            { value: 'all', label: 'Every PJSIP endpoint', hint: 'Each endpoint the PBX reports is a row on the floor.' },
            { value: 'pattern', label: 'Extensions matching a pattern', hint: 'For example 1XXX: extensions 1000 to 1999.' },
            { value: 'queues', label: 'Members of chosen queues', hint: 'Agents logged in to any of these queues.' }
          ]}
        >
          {(kind) =>
            kind === 'pattern' && agents.kind === 'pattern' ? (
              <TextField
                id={fieldId('floor.agents.pattern')}
                className="nested-field"
                label="Extension pattern"
                mono
                autoFocus={autoFocus}
                placeholder="1XXX"
                value={agents.pattern}
                error={form.errorAt('floor.agents.pattern')}
                hint="X is any digit, Z 1–9, N 2–9, [1-5] a range, and a final . matches anything more."
                onChange={(pattern) => setAgents({ kind: 'pattern', pattern }, 'floor.agents.pattern')}
                onBlur={() => form.touch('floor.agents.pattern')}
              />
            ) : kind === 'queues' && agents.kind === 'queues' ? (
              <ListField
                id={fieldId('floor.agents.queues')}
                label="Queues"
                itemNoun="queue"
                placeholder="support"
                values={agents.queues}
                error={itemError(queuesError, agents.queues)}
                errorIndex={queuesError?.index}
                hint="The queue names as in queues.conf. Press Enter after each."
                onChange={(queues) => setAgents({ kind: 'queues', queues }, 'floor.agents.queues')}
                onBlur={() => form.touch('floor.agents.queues')}
              />
            ) : null
          }
        </RadioGroup>
      </div>
      <div className="span-2">
        <ListField
          id={fieldId('floor.hidden')}
          label="Extensions to hide"
          itemNoun="extension"
          placeholder="2001"
          values={floor.hidden}
          error={itemError(hiddenError, floor.hidden)}
          errorIndex={hiddenError?.index}
          hint="Never shown as agents: supervisors’ own phones, reception, conference rooms. Press Enter after each."
          onChange={(hidden) => form.edit('floor', { ...floor, hidden }, 'floor.hidden')}
          onBlur={() => form.touch('floor.hidden')}
        />
      </div>
    </div>
  )
}

export function RecordsSection({ form, autoFocus }: SectionProps): JSX.Element {
  const records = form.draft.records
  return (
    <div className="form-grid">
      <TextField
        {...bound(form, 'records', 'records.defaultRegion', records.defaultRegion, (value) => ({ ...records, defaultRegion: value.toUpperCase() }))}
        label="Default country"
        mono
        autoFocus={autoFocus}
        placeholder="GB"
        hint="Two letters (GB, US, DE): how numbers written without +country are read, so 020 7000 1111 matches +44 20 7000 1111."
      />
      <TextField
        {...bound(form, 'records', 'records.crmUrlTemplate', records.crmUrlTemplate ?? '', (value) => ({ ...records, crmUrlTemplate: value === '' ? null : value }))}
        className="span-2"
        label="CRM address"
        mono
        placeholder="https://crm.example.com/search?phone={e164}"
        hint="Optional. Open in CRM on a customer card opens this page in your browser, with {e164} replaced by the number (https only). Leave empty for none."
      />
    </div>
  )
}

export function UpdatesSection({ form, autoFocus }: SectionProps): JSX.Element {
  const updates = form.draft.updates
  return (
    <div className="form-grid">
      <TextField
        {...bound(form, 'updates', 'updates.url', updates.url ?? '', (value) => ({ ...updates, url: value === '' ? null : value }))}
        className="span-2"
        label="Update address"
        mono
        autoFocus={autoFocus}
        placeholder="https://updates.example.com/earshot/"
        hint="Optional. The https:// folder your admins publish Earshot releases to (latest.yml and the installers). The desktop app looks there at start and every four hours and offers Restart to update. Empty: Earshot never looks for updates."
      />
    </div>
  )
}

/** The wallboard is seen across the room: customers stay off it unless an admin decides otherwise. */
export function WallboardSection({ form }: SectionProps): JSX.Element {
  const wallboard = form.draft.wallboard
  return (
    <div className="form-grid">
      <RadioGroup
        id={fieldId('wallboard.showCustomerNumbers')}
        name="wallboard-customers"
        legend="Customers on the wallboard"
        value={wallboard.showCustomerNumbers ? 'show' : 'hide'}
        error={form.errorAt('wallboard.showCustomerNumbers')}
        onChange={(choice) => form.edit('wallboard', { ...wallboard, showCustomerNumbers: choice === 'show' }, 'wallboard.showCustomerNumbers')}
        options={[
          {
            value: 'hide',
            label: 'Hide them (recommended)',
            hint: 'Agent tiles show the agent, their state and its time only. A wallboard hangs where visitors and every agent can read it.'
          },
          {
            value: 'show',
            label: 'Show the matched customer, or the caller’s number',
            hint: 'For a room where everyone who can see the board may see who is calling.'
          }
        ]}
      />
    </div>
  )
}
