// indexed-repo.js - xapi-statements' memory repo with its lookups by id
// answered from indexes, for start-lrs.js when LRS_INDEXED=1 (the bench).
//
// Why: each lookup of the stock memory repo (getHashes, setQueriables,
// updateFullActivities, getStatement ...) scans every statement or activity
// it holds, and storing one batch calls them once per batch and once per
// statement, so a batch costs in proportion to what is stored: 1,432
// statements/s at 12,000 stored, 1,106/s at 60,000, hours for a million.
// Learning Locker's own store (MongoDB) answers the same questions from
// indexes.  Here each function gives the stock function's answer (the same
// filter: matchesClientOption, the same NoModel errors, results in storage
// order), found through a Map instead of a scan:
//   byId         statement id        -> models (in storage order)
//   byRefTarget  id a StatementRef names -> the referring models
//   activities   lrs, organisation, activity id -> full activity
// Changes are made to the models in place (the stock repo replaces them
// with copies), so the arrays in config.state and the indexes stay the
// same objects; the state start-lrs.js writes to its file is unchanged.
// Validation, idempotency, conflicts and queries (getStatements, which
// scans, as only the tests' read-back uses it) stay xapi-statements' code.
'use strict';
const { union } = require('lodash');
const NoModel = require('jscommons/dist/errors/NoModel').default;
const matches = require('xapi-statements/dist/repo/modelsRepo/utils/memoryModels/matchesClientOption').default;
const voidVerbId = require('xapi-statements/dist/utils/voidVerbId').default;

// repo: what the memory facade made of config; createStatements is taken
// as is (start-lrs.js gives it its sortable ids) and followed by indexing.
module.exports = function indexedRepo(repo, config) {
	let byId, byRefTarget, activities;
	const order = new WeakMap(); // model -> its place in storage
	let next = 0;

	const push = (map, key, model) => {
		const list = map.get(key);
		if (list) list.push(model);
		else map.set(key, [model]);
	};
	const activityKey = (lrsId, organisationId, activityId) =>
		JSON.stringify([String(lrsId), String(organisationId), activityId]);
	const isRef = (model) => model.statement.object.objectType === 'StatementRef';
	const index = (model) => {
		order.set(model, next++);
		push(byId, model.statement.id, model);
		if (isRef(model)) push(byRefTarget, model.statement.object.id, model);
	};
	const rebuild = () => {
		byId = new Map();
		byRefTarget = new Map();
		activities = new Map();
		next = 0;
		config.state.statements.forEach(index);
		for (const a of config.state.fullActivities)
			activities.set(activityKey(a.lrsId, a.organisationId, a.activityId), a);
	};
	// the models under the given keys that the client may see, each once,
	// in storage order, as the stock filter over the whole array gives them
	const find = (map, keys, client, readMine = false) => {
		const found = new Set();
		for (const key of new Set(keys))
			for (const m of map.get(key) || []) if (matches(m, client, readMine)) found.add(m);
		return [...found].sort((a, b) => order.get(a) - order.get(b));
	};
	rebuild();

	const stock = Object.assign({}, repo);
	return Object.assign(repo, {
		clearRepo: async (...args) => {
			await stock.clearRepo(...args);
			rebuild();
		},
		createStatements: async (opts) => {
			const before = config.state.statements.length;
			const result = await stock.createStatements(opts);
			config.state.statements.slice(before).forEach(index);
			return result;
		},
		getHashes: async ({ client, ids }) =>
			find(byId, ids, client).map((m) => ({ statementId: m.statement.id, hash: m.hash })),
		getStatementsByIds: async ({ client, ids }) => find(byId, ids, client).map((m) => m.statement),
		getStatement: async ({ client, id, voided }) => {
			const model = find(byId, [id], client, true).find((m) => m.voided === voided);
			if (!model) throw new NoModel('Statement');
			return model;
		},
		getDownRefId: async ({ client, id }) => {
			const model = find(byId, [id], client).find(isRef);
			if (!model) throw new NoModel('Statement');
			return model.statement.object.id;
		},
		getUpRefIds: async ({ client, id }) => find(byRefTarget, [id], client).map((m) => m.statement.id),
		getUpRefsByIds: async ({ client, targetIds }) =>
			find(byRefTarget, targetIds, client).map((m) => ({
				sourceId: m.statement.id, targetId: m.statement.object.id,
			})),
		getVoidersByIds: async ({ client, ids }) =>
			find(byId, ids, client).filter((m) => isRef(m) && m.statement.verb.id === voidVerbId)
				.map((m) => m.statement.id),
		getVoidersByObjectIds: async ({ client, ids }) =>
			find(byRefTarget, ids, client).filter((m) => m.statement.verb.id === voidVerbId)
				.map((m) => m.statement.object.id),
		voidStatements: async ({ client, ids }) => {
			for (const m of find(byId, ids, client)) m.voided = true;
		},
		setQueriables: async ({ id, client, agents, relatedAgents, verbs, activities: acts,
			relatedActivities, registrations }) => {
			for (const m of find(byId, [id], client))
				Object.assign(m, {
					agents: union(agents, m.agents),
					relatedAgents: union(relatedAgents, m.relatedAgents),
					verbs: union(verbs, m.verbs),
					activities: union(acts, m.activities),
					relatedActivities: union(relatedActivities, m.relatedActivities),
					registrations: union(registrations, m.registrations),
				});
		},
		getFullActivity: async ({ activityId, client }) => {
			const a = activities.get(activityKey(client.lrs_id, client.organisation, activityId));
			if (!a) return { id: activityId, name: {}, description: {}, extensions: {} };
			return Object.assign({ id: a.activityId, name: a.name, description: a.description, extensions: a.extensions },
				a.moreInfo !== undefined ? { moreInfo: a.moreInfo } : {},
				a.type !== undefined ? { type: a.type } : {});
		},
		updateFullActivities: async ({ client, updates }) => {
			const lrsId = client.lrs_id, organisationId = client.organisation;
			for (const u of updates) {
				const key = activityKey(lrsId, organisationId, u.activityId);
				const a = activities.get(key);
				if (a) {
					Object.assign(a, {
						name: Object.assign({}, a.name, u.name),
						description: Object.assign({}, a.description, u.description),
						extensions: Object.assign({}, a.extensions, u.extensions),
						moreInfo: u.moreInfo,
						type: u.type,
					});
					continue;
				}
				const made = {
					activityId: u.activityId, lrsId, organisationId, name: u.name,
					description: u.description, extensions: u.extensions, moreInfo: u.moreInfo, type: u.type,
				};
				config.state.fullActivities.push(made);
				activities.set(key, made);
			}
		},
	});
};
