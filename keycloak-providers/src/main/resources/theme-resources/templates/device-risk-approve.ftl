<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("deviceRiskApproveTitle", deviceLabel)}
    <#elseif section = "form">
        <p id="device-risk-approve-text">${msg("deviceRiskApproveText", deviceLabel, ipPrefix)}</p>
        <form id="device-risk-approve" action="${approveUrl}" method="post">
            <input class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}"
                   type="submit" value="${msg("deviceRiskApproveButton")}"/>
        </form>
    </#if>
</@layout.registrationLayout>
