import { endpoint, textAt, textsAt, type EventObject } from './event-fields.rules.ts';

/** The alert's particulars as `label: value` pairs, from the 4.x fields or their ECS names. */
export function wazuhDetails(event: EventObject): [string, string | undefined][] {
  // Windows writes '-' for an absent address or name and port 0 for none: neither is a value.
  const first = (...paths: string[]) =>
    paths.map((p) => textAt(event, p)).find((v) => v !== undefined && v !== '-');
  const port = (...paths: string[]) => {
    const value = first(...paths);
    return value === '0' ? undefined : value;
  };
  const list = (path: string) => textsAt(event, path).join(', ') || undefined;
  const joined = (separator: string, ...values: (string | undefined)[]) =>
    values.filter(Boolean).join(separator) || undefined;
  const win = (field: string) => textAt(event, `data.win.${field}`);
  const vt = (field: string) => textAt(event, `data.virustotal.${field}`);
  const sca = (field: string) => textAt(event, `data.sca.${field}`);
  return [
    ['Groups', list('rule.groups')],
    [
      'MITRE ATT&CK',
      joined(' — ', list('rule.mitre.id'), list('rule.mitre.technique'), list('rule.mitre.tactic')),
    ],
    // Wazuh 5 alerts (ECS) say what happened in a sentence of their own.
    ['Message', textAt(event, 'message')],
    [
      'Agent',
      joined(' ', textAt(event, 'agent.id'), first('agent.name', 'hostname'), first('agent.ip', 'agentip')),
    ],
    ['Manager', textAt(event, 'manager.name')],
    ['Location', textAt(event, 'location')],
    [
      'Source',
      endpoint(
        // Windows logons name the remote party ipAddress, Sysmon network events sourceIp, cloud audit logs
        // the caller's address.
        first(
          'data.srcip',
          'data.src_ip',
          'srcip',
          'source.ip',
          'data.win.eventdata.ipAddress',
          'data.win.eventdata.sourceIp',
          'data.aws.sourceIPAddress',
          'data.office365.ClientIP',
          'data.github.actor_ip',
          'data.gcp.protoPayload.requestMetadata.callerIp',
          'data.protoPayload.requestMetadata.callerIp',
          'data.CallerIpAddress',
          'data.callerIpAddress',
        ),
        port('data.srcport', 'source.port', 'data.win.eventdata.ipPort', 'data.win.eventdata.sourcePort'),
      ),
    ],
    ['Source user', first('data.srcuser', 'srcuser', 'user.name')],
    [
      'Destination',
      endpoint(
        first('data.dstip', 'data.dest_ip', 'dstip', 'destination.ip', 'data.win.eventdata.destinationIp'),
        port('data.dstport', 'destination.port', 'data.win.eventdata.destinationPort'),
      ),
    ],
    ['Destination user', first('data.dstuser', 'dstuser')],
    ['URL', first('data.url', 'url.full', 'url.original')],
    [
      'Windows event',
      joined(
        ' ',
        win('system.eventID'),
        win('system.channel'),
        win('system.providerName'),
        win('system.computer'),
      ),
    ],
    ['Windows user', joined('\\', win('eventdata.targetDomainName'), win('eventdata.targetUserName'))],
    ['Command line', win('eventdata.commandLine')],
    ['Image', win('eventdata.image')],
    ['Cloud finding', joined(' — ', textAt(event, 'data.aws.type'), textAt(event, 'data.aws.title'))],
    // Cloud audit logs: the call made and who made it (CloudTrail, Azure activity, GCP audit, GitHub).
    [
      'Cloud call',
      joined(
        ' ',
        first('data.aws.eventSource'),
        first(
          'data.aws.eventName',
          'data.OperationName',
          'data.operationName',
          'data.gcp.protoPayload.methodName',
          'data.protoPayload.methodName',
          'data.github.action',
        ),
      ),
    ],
    [
      'Cloud caller',
      first(
        'data.aws.userIdentity.arn',
        'data.aws.userIdentity.userName',
        'data.Caller',
        'data.gcp.protoPayload.authenticationInfo.principalEmail',
        'data.protoPayload.authenticationInfo.principalEmail',
        'data.office365.UserId',
        'data.github.actor',
      ),
    ],
    [
      'Vulnerability',
      joined(
        ' ',
        first('data.vulnerability.cve', 'vulnerability.id'),
        textAt(event, 'data.vulnerability.package.name'),
      ),
    ],
    [
      'VirusTotal',
      joined(
        ' — ',
        vt('source.file'),
        vt('positives') && `${vt('positives')}/${vt('total') ?? '?'} engines`,
        vt('permalink'),
      ),
    ],
    ['File', joined(' — ', first('syscheck.path', 'file.path'), first('syscheck.event', 'event.action'))],
    ['Changed attributes', list('syscheck.changed_attributes') ?? list('file.attributes')],
    [
      'Changed by',
      // Linux who-data names the login and effective users; Windows only audit.user.
      joined(
        ' as ',
        first('syscheck.audit.login_user.name', 'syscheck.audit.user.name'),
        textAt(event, 'syscheck.audit.effective_user.name'),
      ),
    ],
    // Wazuh 3.x wrote Windows who-data under the misspelt key `proccess`.
    ['Process', first('syscheck.audit.process.name', 'syscheck.audit.proccess.name')],
    [
      'Configuration check',
      joined(
        ' — ',
        sca('policy'),
        joined(' ', sca('check.id'), sca('check.title')),
        sca('check.result') &&
          `${sca('check.result')}${sca('check.previous_result') ? ` (was ${sca('check.previous_result')})` : ''}`,
        list('data.sca.check.file'),
      ),
    ],
    ['Remediation', sca('check.remediation')],
    ['Time', first('timestamp', '@timestamp')],
  ];
}
