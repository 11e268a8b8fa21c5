/** Units, the length of the history, and the names and messages the generated inventory uses. */

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const GIB = 1024 * 1024 * 1024;
/** Days of history; longer than the 30-day window of the session collections so the window is visible. */
export const HISTORY_DAYS = 45;

export const SERVERS = [
  {
    name: "enterprise01.tech.local",
    version: "13.0.1.1071",
    description: "Primary site",
    ipOrDnsName: "172.17.53.41",
  },
  {
    name: "enterprise03.tech.local",
    version: "12.3.2.3617",
    description: "",
    ipOrDnsName: "enterprise03.tech.local",
  },
  {
    name: "enterprise06.tech.local",
    version: "13.0.1.1071",
    description: 'DR site & "replicas" <east>',
    ipOrDnsName: "172.17.53.46",
  },
  {
    name: "backupsrv29.tech.local",
    version: "11.0.0.837",
    description: "",
    ipOrDnsName: "backupsrv29.tech.local",
  },
];
export const BACKUP_JOB_NAMES = ["Backup Job 1", "CRM Backup", "Exchange Backup", "Backup Copy Job 1"];
export const BACKUP_JOB_TYPES = ["Backup", "Backup", "ImmediateBackupCopy", "BackupCopy"];
export const VM_PREFIXES = [
  "ubuntu",
  "apache",
  "sql",
  "web",
  "dc",
  "exch",
  "virt03-ubuntu",
  "win2022-",
  "rhel",
  "app",
];
export const CDP_FAILURES = [
  "Failed to process CDP policy: lost connection to the I/O filter on host esx02.tech.local.",
  "Error: RPO violation: 3 consecutive restore points were not created within the RPO interval.",
];
export const REPLICA_FAILURES = [
  "Error: Failed to create VM snapshot. Insufficient space on datastore 'ds-replica-01'.",
  "Error: Cannot connect to host esx05.tech.local: connection timed out.",
  "Processing finished with errors at 03.11.2025 21:03:16",
];
export const TASK_WARNINGS = [
  "Snapshot consolidation took longer than expected.",
  "Changed block tracking was reset; a full read was performed.",
];
export const TASK_FAILURES = [
  "Error: VM is no longer available on the host.",
  "Error: Failed to open VDDK disk [ds01] vm/vm.vmdk (NBD mode).",
];
export const TIB = 1024 * GIB;
/** Repositories: every server has the default one (same name everywhere, as on real installations). */
export const REPOSITORY_KINDS = [
  { name: "Linux Hardened Repository", kind: "LinuxLocal" },
  { name: "NAS Backup Share", kind: "Cifs" },
  { name: "Data Domain Catalyst", kind: "DDBoost" },
  { name: "StoreOnce Tier 2", kind: "HPStoreOnce" },
];
/** Extra backup jobs beyond the four named ones: the workloads a site backs up. */
export const BACKUP_WORKLOADS = [
  "File Servers",
  "SQL Production",
  "Domain Controllers",
  "Web Farm",
  "SharePoint",
  "ERP Tier-1",
  "Dev & Test VMs",
  "VDI Gold Images",
  "Linux App Servers",
  "Oracle RAC",
  "Print & Scan",
  "Monitoring Stack",
  "HR Systems",
];
export const BACKUP_FAILURES = [
  "Error: Failed to create VM snapshot: the operation timed out after 1800 seconds.",
  "Error: Not enough free space on repository: 12.4 GB left, 48.0 GB required.",
  "Processing finished with errors: 1 of the VMs failed to back up.",
];
