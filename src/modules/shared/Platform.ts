import { registerEnumType } from "type-graphql";

/** Virtualization platform of a job or policy. Runtime values are EM's spellings, in documented order. */
export enum Platform {
  VMWARE = "VMware",
  HYPERV = "Hyperv",
  VCLOUD = "vCloud",
}

registerEnumType(Platform, {
  name: "Platform",
  description:
    "Virtualization platform. Filters compare platforms by EM's ordinal order: VMWARE < HYPERV < VCLOUD.",
});
