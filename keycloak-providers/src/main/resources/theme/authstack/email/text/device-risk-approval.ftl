<#ftl output_format="plainText">
${msg("deviceRiskApprovalIntro", realmName)}

${msg("deviceRiskDevice")}: ${deviceLabel}
${msg("deviceRiskNetwork")}: ${ipPrefix}

${msg("deviceRiskApprovalLinkText")}: ${link}

${msg("deviceRiskApprovalExpiry", linkLifetimeMinutes)}

${msg("deviceRiskApprovalAdvice")}
