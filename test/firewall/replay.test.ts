// Behaviour, not just syntax: traffic replayed through the generated rules by Suricata 7 (IDS mode: a drop
// rule raises an alert for each packet it would drop, a pass rule raises none).
import { describe, expect } from 'vitest';
import { emitFirewall } from '../../src/emit/firewall/index.js';
import { ruleVariables } from '../../src/render/firewall/rules-text.js';
import { itWithTools } from '../support/real-tools.js';
import { fixtureModel } from './model.js';
import { pcap, tcpConversation, type Packet } from './pcap.js';
import { replay, type ReplayAlert } from './suricata.js';

const sidOf = (model: ReturnType<typeof fixtureModel>, key: string): number => {
  const rule = model.firewall.rules.find((r) => r.key === key);
  if (!rule) throw new Error(`no rule ${key}`);
  return rule.sid;
};

/** Distinct "sid src:port>dst:port/protocol" of the alerts, sorted. */
const flows = (alerts: readonly ReplayAlert[]): string[] =>
  [...new Set(alerts.map((a) => `${a.sid} ${a.src}:${a.srcPort ?? '-'}>${a.dst}:${a.dstPort ?? '-'}/${a.protocol}`))].sort();

describe('generated rules replayed through Suricata 7', () => {
  itWithTools(['suricata'])('seed: the gateway reaches the database, every other client is dropped on every packet, replies are untouched', () => {
    const model = fixtureModel('seed');
    const text = emitFirewall(model).artifacts[0]?.content ?? '';
    const packets: Packet[] = [
      ...tcpConversation('198.51.100.1', 40000, '10.0.0.55', 5432), // the egress gateway: allowed
      ...tcpConversation('172.31.10.10', 40001, '10.0.0.55', 5432), // a node, not the gateway: dropped
      ...tcpConversation('10.0.0.55', 50000, '10.100.0.9', 443), // the database's own connection: untouched
    ];
    const alerts = replay(text, ruleVariables(model.firewall), pcap(packets));
    const protect = sidOf(model, 'protect/database');
    // every client-to-server packet of the node's connection (SYN, ACK, data, ACK), none of the others
    expect(alerts).toHaveLength(4);
    expect(flows(alerts)).toEqual([`${protect} 172.31.10.10:40001>10.0.0.55:5432/tcp`]);
  });

  itWithTools(['suricata'])('seed: the same drop rule without flow context (IP-only) would break the service\'s replies and miss packets', () => {
    const model = fixtureModel('seed');
    const protect = sidOf(model, 'protect/database');
    const text = (emitFirewall(model).artifacts[0]?.content ?? '').replace(`flow:to_server; sid:${protect};`, `sid:${protect};`);
    const packets: Packet[] = [...tcpConversation('172.31.10.10', 40001, '10.0.0.55', 5432), ...tcpConversation('10.0.0.55', 50000, '10.100.0.9', 443)];
    const alerts = replay(text, ruleVariables(model.firewall), pcap(packets));
    expect(flows(alerts)).toEqual([`${protect} 10.100.0.9:443>10.0.0.55:50000/tcp`, `${protect} 172.31.10.10:40001>10.0.0.55:5432/tcp`]);
    expect(alerts).toHaveLength(2);
  });

  itWithTools(['suricata'])('multi: only allowed gateway, service, protocol and port combinations pass', () => {
    const model = fixtureModel('multi');
    const text = emitFirewall(model).artifacts[0]?.content ?? '';
    const udp = (src: string, dst: string, dstPort: number): Packet => ({ src, dst, protocol: 'udp', srcPort: 41000, dstPort, payload: 'metric' });
    const packets: Packet[] = [
      ...tcpConversation('198.51.100.2', 40000, '10.40.2.10', 5432), // egw-ledger → ledger-db (second address): pass
      ...tcpConversation('198.51.100.2', 40001, '10.40.1.10', 22), // egw-ledger → ledger-db on another port: drop
      ...tcpConversation('198.51.100.2', 40002, '10.50.3.20', 443), // egw-ledger → reports-api: not allowed, drop
      ...tcpConversation('198.51.100.33', 40003, '10.50.3.20', 443), // egw-analytics → reports-api: pass
      udp('198.51.100.17', '10.50.3.20', 8125), // egw-reports → reports-api udp/8125: pass
      udp('198.51.100.17', '10.40.1.10', 5432), // egw-reports → ledger-db over udp: drop
      { src: '10.20.1.5', dst: '10.40.1.10', protocol: 'icmp', seq: 1 }, // a pod pinging ledger-db: drop
      ...tcpConversation('10.40.1.10', 50000, '10.20.1.5', 8080), // ledger-db's own connection: untouched
    ];
    const alerts = replay(text, ruleVariables(model.firewall), pcap(packets));
    const ledger = sidOf(model, 'protect/ledger-db');
    const reports = sidOf(model, 'protect/reports-api');
    expect(flows(alerts)).toEqual(
      [
        `${ledger} 198.51.100.2:40001>10.40.1.10:22/tcp`,
        `${reports} 198.51.100.2:40002>10.50.3.20:443/tcp`,
        `${ledger} 198.51.100.17:41000>10.40.1.10:5432/udp`,
        `${ledger} 10.20.1.5:->10.40.1.10:-/icmp`,
      ].sort(),
    );
  });
});
