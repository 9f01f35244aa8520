import type { z } from 'zod';
import type { Envelope } from '../errors';
import * as app from './app.contract';
import * as auth from './auth.contract';
import * as catalog from './catalog.contract';
import * as imports from './imports.contract';
import * as receiving from './receiving.contract';
import * as shipping from './shipping.contract';
import * as serials from './serials.contract';
import * as returns from './returns.contract';
import * as orders from './orders.contract';
import * as transfers from './transfers.contract';
import * as exportsContract from './exports.contract';
import * as admin from './admin.contract';
import * as devices from './devices.contract';
import type { Contract, EventContract } from './contract';

/** Every request channel, keyed by channel name. The preload allowlist derives from this. */
export const contracts = {
  [app.getStatus.channel]: app.getStatus,
  [app.loadDemoData.channel]: app.loadDemoData,
  [app.checkIntegrity.channel]: app.checkIntegrity,
  [imports.previewImport.channel]: imports.previewImport,
  [imports.commitImport.channel]: imports.commitImport,
  [imports.discardImport.channel]: imports.discardImport,
  [catalog.listProducts.channel]: catalog.listProducts,
  [catalog.listOrders.channel]: catalog.listOrders,
  [catalog.listPurchaseOrders.channel]: catalog.listPurchaseOrders,
  [receiving.startReceiving.channel]: receiving.startReceiving,
  [receiving.scanReceiving.channel]: receiving.scanReceiving,
  [receiving.removeReceivedSerial.channel]: receiving.removeReceivedSerial,
  [receiving.pasteReceivingSerials.channel]: receiving.pasteReceivingSerials,
  [receiving.getReceivingSession.channel]: receiving.getReceivingSession,
  [receiving.listOpenReceiving.channel]: receiving.listOpenReceiving,
  [receiving.closeReceiving.channel]: receiving.closeReceiving,
  [auth.getAuthStatus.channel]: auth.getAuthStatus,
  [auth.signIn.channel]: auth.signIn,
  [auth.signOut.channel]: auth.signOut,
  [auth.createFirstSupervisor.channel]: auth.createFirstSupervisor,
  [auth.approveSupervisor.channel]: auth.approveSupervisor,
  [auth.endApproval.channel]: auth.endApproval,
  [auth.addOperator.channel]: auth.addOperator,
  [auth.listOperators.channel]: auth.listOperators,
  [shipping.startShipping.channel]: shipping.startShipping,
  [shipping.scanShipping.channel]: shipping.scanShipping,
  [shipping.removeShippedSerial.channel]: shipping.removeShippedSerial,
  [shipping.overrideShipping.channel]: shipping.overrideShipping,
  [shipping.weighShipping.channel]: shipping.weighShipping,
  [shipping.shipOrder.channel]: shipping.shipOrder,
  [shipping.parkShipping.channel]: shipping.parkShipping,
  [shipping.voidShipping.channel]: shipping.voidShipping,
  [shipping.getShippingSession.channel]: shipping.getShippingSession,
  [shipping.listOpenShipping.channel]: shipping.listOpenShipping,
  [shipping.weighFromScale.channel]: shipping.weighFromScale,
  [shipping.printShippingLabels.channel]: shipping.printShippingLabels,
  [serials.listShippedSerials.channel]: serials.listShippedSerials,
  [serials.getSerialHistory.channel]: serials.getSerialHistory,
  [serials.listInventory.channel]: serials.listInventory,
  [serials.transitionUnit.channel]: serials.transitionUnit,
  [serials.registerUnit.channel]: serials.registerUnit,
  [returns.checkReturn.channel]: returns.checkReturn,
  [returns.disposeReturn.channel]: returns.disposeReturn,
  [orders.getOrder.channel]: orders.getOrder,
  [orders.getPurchaseOrder.channel]: orders.getPurchaseOrder,
  [orders.getProduct.channel]: orders.getProduct,
  [orders.listAvailableUnits.channel]: orders.listAvailableUnits,
  [orders.allocateSerials.channel]: orders.allocateSerials,
  [orders.releaseSerial.channel]: orders.releaseSerial,
  [transfers.startTransfer.channel]: transfers.startTransfer,
  [transfers.scanTransfer.channel]: transfers.scanTransfer,
  [transfers.removeFromTransfer.channel]: transfers.removeFromTransfer,
  [transfers.confirmTransfer.channel]: transfers.confirmTransfer,
  [transfers.getTransfer.channel]: transfers.getTransfer,
  [transfers.listOpenTransfers.channel]: transfers.listOpenTransfers,
  [transfers.listTransferPlaces.channel]: transfers.listTransferPlaces,
  [exportsContract.startExport.channel]: exportsContract.startExport,
  [exportsContract.cancelExport.channel]: exportsContract.cancelExport,
  [admin.getSettings.channel]: admin.getSettings,
  [admin.updateRules.channel]: admin.updateRules,
  [admin.updateStation.channel]: admin.updateStation,
  [admin.updateBackup.channel]: admin.updateBackup,
  [admin.backupNow.channel]: admin.backupNow,
  [admin.getDashboard.channel]: admin.getDashboard,
  [admin.updateProduct.channel]: admin.updateProduct,
  [admin.bulkUpdateProducts.channel]: admin.bulkUpdateProducts,
  [devices.getDevices.channel]: devices.getDevices,
  [devices.discoverDevices.channel]: devices.discoverDevices,
  [devices.configureDevices.channel]: devices.configureDevices,
  [devices.readWeight.channel]: devices.readWeight,
  [devices.zeroScale.channel]: devices.zeroScale,
  [devices.printTestLabel.channel]: devices.printTestLabel,
  [devices.printCommandLabels.channel]: devices.printCommandLabels,
} as const satisfies Record<string, Contract>;

/** Every event main may push to the renderer. */
export const events = {
  [imports.importProgress.event]: imports.importProgress,
  [exportsContract.exportProgress.event]: exportsContract.exportProgress,
  [devices.devicesStatus.event]: devices.devicesStatus,
  [devices.devicesWeight.event]: devices.devicesWeight,
  [devices.devicesScan.event]: devices.devicesScan,
} as const satisfies Record<string, EventContract>;

export type Channel = keyof typeof contracts;
export type EventName = keyof typeof events;
export type Input<C extends Channel> = z.input<(typeof contracts)[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<(typeof contracts)[C]['input']>;
export type Output<C extends Channel> = z.output<(typeof contracts)[C]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]['payload']>;

export const CHANNELS = Object.keys(contracts) as Channel[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.hasOwn(contracts, value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && Object.hasOwn(events, value);
}

/**
 * The API the renderer sees as `window.packbench`, in the desktop app and in browser
 * station mode alike. Calls never throw across the boundary: they resolve to an envelope.
 */
export interface PackbenchApi {
  invoke<C extends Channel>(channel: C, input?: Input<C>): Promise<Envelope<Output<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export * as app from './app.contract';
export * as auth from './auth.contract';
export * as catalog from './catalog.contract';
export * as imports from './imports.contract';
export * as receiving from './receiving.contract';
export * as shipping from './shipping.contract';
export * as serials from './serials.contract';
export * as returns from './returns.contract';
export * as orders from './orders.contract';
export * as transfers from './transfers.contract';
export * as exports from './exports.contract';
export * as admin from './admin.contract';
export * as devices from './devices.contract';
